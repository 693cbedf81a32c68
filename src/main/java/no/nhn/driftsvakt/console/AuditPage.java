package no.nhn.driftsvakt.console;

import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import no.nhn.driftsvakt.audit.AuditCsv;
import no.nhn.driftsvakt.audit.AuditLog;

/**
 * {@code /console/revisjon} (admins): the audit log, newest first, filtered by actor, subject and a day to start
 * from (Europe/Oslo), each entry with the subject before and after the change; the same selection as CSV
 * ({@code /console/revisjon/eksport.csv}). Reading it is itself recorded.
 */
@Path("/console/revisjon")
@Tag(name = "Console")
@Blocking
public class AuditPage {

    static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    static final int SHOWN = 200;

    @Inject
    SecurityIdentity identity;

    @Inject
    AuditLog audit;

    @Inject
    @Location("console/audit.html")
    Template page;

    /** The filters as given, for the form and the CSV link. */
    public record Filter(String actor, String subject, String since) {

        /** The query string for the CSV link, e.g. {@code aktor=kim&gjelder=INC-1}. */
        public String query() {
            StringBuilder b = new StringBuilder();
            add(b, "aktor", actor);
            add(b, "gjelder", subject);
            add(b, "fra", since);
            return b.toString();
        }

        private static void add(StringBuilder b, String name, String value) {
            if (value != null && !value.isBlank()) {
                b.append(b.isEmpty() ? "" : "&").append(name).append('=')
                        .append(java.net.URLEncoder.encode(value.trim(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
    }

    @GET
    @RolesAllowed("admin")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The audit log (admins): filters aktor, gjelder (subject), fra (YYYY-MM-DD, Oslo)")
    public Response show(@QueryParam("aktor") String actor, @QueryParam("gjelder") String subject,
                         @QueryParam("fra") String since) throws SQLException {
        Filter f = new Filter(blankToNull(actor), blankToNull(subject), blankToNull(since));
        Instant from;
        String error = null;
        try {
            from = since(f.since());
        } catch (DateTimeParseException e) {
            from = null;
            error = "Ugyldig dato; skriv den som 2026-11-27. / Invalid date; write it as 2026-11-27.";
        }
        List<AuditLog.Entry> entries = audit.list(from, f.actor(), f.subject(), SHOWN);
        String html = page.data("user", identity.getPrincipal().getName()).data("f", f).data("entries", entries)
                .data("shown", SHOWN).data("errorText", error)
                .data("live", false).render(); // no live refresh: see console/layout.html
        return Response.ok(html).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).header("Cache-Control", "no-store")
                .build();
    }

    @GET
    @Path("/eksport.csv")
    @RolesAllowed("admin")
    @Produces("text/csv")
    @Operation(summary = "The audit log as CSV (admins), with the page's filters; up to 100,000 entries")
    public Response csv(@QueryParam("aktor") String actor, @QueryParam("gjelder") String subject,
                        @QueryParam("fra") String since) throws SQLException {
        Instant from;
        try {
            from = since(blankToNull(since));
        } catch (DateTimeParseException e) {
            return Response.status(400).type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                    .entity("Ugyldig dato; skriv den som 2026-11-27. / Invalid date; write it as 2026-11-27.").build();
        }
        List<AuditLog.Entry> entries = audit.list(from, blankToNull(actor), blankToNull(subject), 100_000);
        return Response.ok(AuditCsv.of(entries)).type("text/csv; charset=UTF-8").header("Cache-Control", "no-store")
                .header("Content-Disposition", "attachment; filename=\"driftsvakt-audit.csv\"").build();
    }

    /** The start of that day in Oslo; null for none. */
    private static Instant since(String day) {
        return day == null ? null : LocalDate.parse(day).atStartOfDay(OSLO).toInstant();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
