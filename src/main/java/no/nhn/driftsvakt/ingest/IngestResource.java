package no.nhn.driftsvakt.ingest;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import no.nhn.driftsvakt.platform.HttpProblems;

/**
 * {@code POST /api/v1/signals} (one signal or a JSON array) and {@code POST /api/v1/alertmanager}, through RESTEasy.
 * Documents both in the OpenAPI document. {@link IngestRoute} serves the same paths first, straight on the event loop,
 * unless {@code driftsvakt.ingest.fast-route=false}; then this resource answers them.
 */
@Path("/api/v1")
@Tag(name = "Ingest", description = "Signals from external monitors")
public class IngestResource {

    @Inject
    IngestService ingest;

    @POST
    @Path("/signals")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send one signal, or a batch as a JSON array",
            description = "{id?, source, component, state: down|degraded|up, summary?, labels?, at?}. 202 after the "
                    + "broker acknowledged every signal; 400/404 naming the field (nothing accepted); 413 over 1 MiB; "
                    + "415 when the body is not JSON; 503 with Retry-After when the broker does not confirm; an id "
                    + "seen before is accepted once.")
    @APIResponse(responseCode = "202", description = "Accepted: every signal acknowledged by the broker")
    @APIResponse(responseCode = "400", description = "Invalid request; the problem body names the field")
    @APIResponse(responseCode = "401", description = "No bearer token")
    @APIResponse(responseCode = "403", description = "Wrong bearer token")
    @APIResponse(responseCode = "404", description = "Unknown component")
    @APIResponse(responseCode = "413", description = "Body over 1 MiB")
    @APIResponse(responseCode = "415", description = "Body is not JSON in UTF-8")
    @APIResponse(responseCode = "503", description = "Broker did not confirm; retry after Retry-After seconds with the same ids")
    public Uni<Response> signals(@HeaderParam("Authorization") String authorization,
                                 @HeaderParam("Content-Type") String contentType, byte[] body) {
        if (!MediaRanges.jsonBody(contentType)) { // JSON in another charset: refused on both paths (MediaRanges)
            return Uni.createFrom().item(HttpProblems.unsupportedMediaType(contentType));
        }
        return ingest.acceptSignals(authorization, body);
    }

    @POST
    @Path("/alertmanager")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Prometheus Alertmanager webhook (version 4)",
            description = "Each alert becomes a signal for the component named by its 'component' label "
                    + "(configurable); firing is down (degraded for severity warning, info, minor or low), resolved is up. Alerts "
                    + "that cannot be placed are listed under 'skipped'.")
    public Uni<Response> alertmanager(@HeaderParam("Authorization") String authorization,
                                      @HeaderParam("Content-Type") String contentType, byte[] body) {
        if (!MediaRanges.jsonBody(contentType)) {
            return Uni.createFrom().item(HttpProblems.unsupportedMediaType(contentType));
        }
        return ingest.acceptAlertmanager(authorization, body);
    }
}
