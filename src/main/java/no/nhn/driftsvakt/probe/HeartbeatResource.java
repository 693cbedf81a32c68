package no.nhn.driftsvakt.probe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.Record;
import no.nhn.driftsvakt.catalog.CatalogService;
import no.nhn.driftsvakt.catalog.Check;
import no.nhn.driftsvakt.catalog.CheckSpec;
import no.nhn.driftsvakt.platform.Problem;
import no.nhn.driftsvakt.platform.BearerGuard;
import no.nhn.driftsvakt.platform.Topics;

/**
 * {@code POST /api/v1/heartbeats/{checkId}}: a job says it is alive. The ping goes to the partition of
 * {@code driftsvakt.probe-work} whose owner watches the check; 202 once the broker has it, 503 when it cannot.
 */
@Path("/api/v1/heartbeats")
public class HeartbeatResource {

    private static final Logger LOG = Logger.getLogger(HeartbeatResource.class);

    @Inject
    CatalogService catalogs;

    @Inject
    Clock clock;

    @Inject
    @Channel(Topics.Channels.PROBE_WORK_OUT)
    Emitter<Record<String, String>> pings;

    @POST
    @Path("/{checkId}")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> ping(@PathParam("checkId") String checkId,
                              @HeaderParam("Authorization") String authorization) {
        Optional<Check> check = catalogs.current().check(checkId);
        if (check.isEmpty()) {
            return Uni.createFrom().item(Problem.response(404, "Ukjent sjekk / Unknown check",
                    "No check with id '" + checkId + "' in the catalog.", "checkId"));
        }
        if (!(check.get().spec() instanceof CheckSpec.Heartbeat hb)) {
            return Uni.createFrom().item(Problem.response(400, "Ikke en heartbeat-sjekk / Not a heartbeat check",
                    "Check '" + checkId + "' is a " + check.get().type().id() + " check; only heartbeat checks take pings.",
                    "checkId"));
        }
        Optional<Response> denied = BearerGuard.check(authorization, java.util.List.of(hb.tokenSha256()),
                "heartbeat (of check '" + checkId + "')");
        if (denied.isPresent()) {
            LOG.warnf("Heartbeat for check %s refused: %d", checkId, denied.get().getStatus());
            return Uni.createFrom().item(denied.get());
        }
        Instant at = Instant.now(clock);
        String body = "{\"checkId\":\"" + checkId + "\",\"at\":\"" + at + "\"}";
        Uni<Void> sent;
        try {
            sent = Uni.createFrom().completionStage(pings.send(Record.of(checkId, body)));
        } catch (RuntimeException e) {
            sent = Uni.createFrom().failure(e);
        }
        return sent.ifNoItem().after(Duration.ofSeconds(10)).fail()
                .map(v -> Response.accepted(Map.of("checkId", checkId, "receivedAt", at.toString())).build())
                .onFailure().recoverWithItem(t -> {
                    LOG.warnf("Heartbeat for check %s not stored: %s", checkId, t.toString());
                    return Response.fromResponse(Problem.response(503, "Midlertidig utilgjengelig / Unavailable",
                            "The message broker did not confirm the heartbeat; try again.", null))
                            .header("Retry-After", "5").build();
                });
    }
}
