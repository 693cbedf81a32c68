package no.nhn.driftsvakt.platform;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Predicate;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.common.annotation.Blocking;

/**
 * {@code /api/v1/admin/dead-letters}: the dead-letter topic for operators (admin token) — list what is there and why,
 * and replay chosen records to the topic they came from (docs/operations.md).
 */
@Path("/api/v1/admin/dead-letters")
@Tag(name = "Admin")
@Blocking
@Produces(MediaType.APPLICATION_JSON)
public class DeadLetterResource {

    @Inject
    AdminTokens admins;

    @Inject
    DeadLetterReplay replay;

    /** Which dead letters a replay takes: from a source topic, since a time, whose value contains a text. */
    public record ReplayRequest(String sourceTopic, String since, String contains, Integer limit, Boolean dryRun) {
    }

    @GET
    @Operation(summary = "Dead letters, oldest first: reason, source topic, partition and offset, key and value",
            description = "Filters: sourceTopic, since (ISO-8601), contains (a text in the value), limit (default 100, "
                    + "at most 10,000).")
    public Response list(@HeaderParam("Authorization") String auth, @QueryParam("sourceTopic") String topic,
                         @QueryParam("since") String since, @QueryParam("contains") String contains,
                         @QueryParam("limit") Integer limit) {
        Optional<Response> denied = admins.check(auth);
        if (denied.isPresent()) {
            return denied.get();
        }
        Predicate<DeadLetterReplay.Entry> f;
        try {
            f = filter(topic, since, contains);
        } catch (DateTimeParseException e) {
            return badSince(since);
        }
        return Response.ok(replay.read(f, limit == null ? 100 : Math.max(1, Math.min(10_000, limit)))).build();
    }

    @POST
    @Path("/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send dead letters back to their source topic (sourceTopic required; dryRun only counts)")
    public Response replay(@HeaderParam("Authorization") String auth, ReplayRequest r) throws Exception {
        Optional<Response> denied = admins.check(auth);
        if (denied.isPresent()) {
            return denied.get();
        }
        if (r == null || r.sourceTopic() == null || Topics.ALL.stream().noneMatch(t -> t.name().equals(r.sourceTopic()))
                || Topics.DEAD_LETTER.name().equals(r.sourceTopic())) {
            return Problem.response(422, "Ugyldig forespørsel / Invalid request", "sourceTopic: one of the service's "
                    + "topics (e.g. " + Topics.SIGNALS.name() + ")", "sourceTopic");
        }
        Predicate<DeadLetterReplay.Entry> f;
        try {
            f = filter(r.sourceTopic(), r.since(), r.contains());
        } catch (DateTimeParseException e) {
            return badSince(r.since());
        }
        int limit = r.limit() == null ? 10_000 : Math.max(1, Math.min(100_000, r.limit()));
        return Response.ok(replay.replay(f, limit, Boolean.TRUE.equals(r.dryRun()))).build();
    }

    private static Predicate<DeadLetterReplay.Entry> filter(String topic, String since, String contains) {
        Instant from = since == null || since.isBlank() ? null : Instant.parse(since);
        return e -> (topic == null || topic.equals(e.sourceTopic())) && (from == null || !e.at().isBefore(from))
                && (contains == null || (e.value() != null && e.value().contains(contains)));
    }

    private static Response badSince(String since) {
        return Problem.response(400, "Ugyldig forespørsel / Invalid request",
                "since: '" + since + "' is not an ISO-8601 instant such as 2026-11-27T08:00:00Z", "since");
    }
}
