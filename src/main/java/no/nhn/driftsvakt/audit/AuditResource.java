package no.nhn.driftsvakt.audit;

import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.common.annotation.Blocking;
import no.nhn.driftsvakt.platform.AdminTokens;
import no.nhn.driftsvakt.platform.Problem;

/** {@code /api/v1/audit}: the audit log for admins, as JSON or CSV. */
@Path("/api/v1/audit")
@Tag(name = "Audit")
@Blocking
public class AuditResource {

    @Inject
    AuditLog audit;

    @Inject
    AdminTokens admins;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Audit entries, newest first (admin token); filters since (ISO-8601), actor, subject, limit",
            description = "Each entry: who, what, the subject, the status, and the subject's JSON before the change "
                    + "(before) and after it (after); subscribers by ids only.")
    public Response list(@HeaderParam("Authorization") String auth, @QueryParam("since") String since,
                         @QueryParam("actor") String actor, @QueryParam("subject") String subject,
                         @QueryParam("limit") Integer limit) throws SQLException {
        Optional<Response> denied = admins.check(auth);
        if (denied.isPresent()) {
            return denied.get();
        }
        Instant from;
        try {
            from = since == null ? null : Instant.parse(since);
        } catch (DateTimeParseException e) {
            return Problem.response(400, "Ugyldig forespørsel / Bad request",
                    "since: '" + since + "' is not an ISO-8601 instant such as 2026-11-27T08:00:00Z", "since");
        }
        return Response.ok(audit.list(from, actor, subject, limit == null ? 500 : Math.max(1, Math.min(10_000, limit))))
                .build();
    }

    @GET
    @Path("/export")
    @Produces("text/csv")
    @Operation(summary = "The audit log as CSV (admin token), newest first, up to 100,000 entries")
    public Response export(@HeaderParam("Authorization") String auth) throws SQLException {
        Optional<Response> denied = admins.check(auth);
        if (denied.isPresent()) {
            return denied.get();
        }
        List<AuditLog.Entry> entries = audit.list(null, null, 100_000);
        return Response.ok(AuditCsv.of(entries)).type("text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"driftsvakt-audit.csv\"").build();
    }

    /** RFC 4180 quoting; a leading = + - @ is prefixed with ' so spreadsheets do not run it as a formula. */
    static String csv(String v) {
        return no.nhn.driftsvakt.platform.Csv.cell(v);
    }
}
