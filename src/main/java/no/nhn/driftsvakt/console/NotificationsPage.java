package no.nhn.driftsvakt.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

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
import no.nhn.driftsvakt.notify.Channel;
import no.nhn.driftsvakt.notify.DeliveryQueries;

/**
 * {@code /console/varsler}: who was told what, when, by which channel, and how far the message got — ledger rows,
 * newest first, filtered by incident or problem, channel, state and time (GET parameters, so a filtered list can be
 * bookmarked), a page at a time. Subscriber ids only: viewers may read it, so no phone number or address is shown,
 * and provider errors are shown with anything that looks like one masked.
 */
@Path("/console/varsler")
@Tag(name = "Console")
@Blocking
public class NotificationsPage {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    /** Ledger states (see {@code notify.LedgerEntry}). */
    static final List<String> STATES = List.of("planned", "held", "sending", "retry", "sent", "delivered", "undelivered",
            "unknown", "failed", "suppressed", "skipped", "dropped");

    private static final Pattern SUBJECT = Pattern.compile("[A-Za-z0-9:_#.-]{1,64}");
    private static final Pattern EMAIL = Pattern.compile("[^\\s@<>\"]+@[^\\s@<>\"]+");
    private static final Pattern PHONE = Pattern.compile("(?<!\\w)\\+?\\d(?: ?\\d){7,14}(?!\\d)");

    /** One row as the page shows it. */
    public record Row(DeliveryQueries.Row r) {
        public String decided() {
            return ConsoleTimes.seconds(r.createdAt());
        }

        public String updated() {
            return ConsoleTimes.seconds(r.updatedAt());
        }

        /** The console page of the subject, if it has one. */
        public String subjectHref() {
            String s = r.subjectId();
            return s.startsWith("PRB-") ? "/console/problemer/" + s : s.startsWith("INC-") ? "/console/hendelser/" + s
                    : null;
        }

        public String error() {
            return masked(r.error());
        }
    }

    @Inject
    SecurityIdentity identity;

    @Inject
    DeliveryQueries deliveries;

    @Inject
    @Location("console/notifications.html")
    Template page;

    @GET
    @RolesAllowed("viewer")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Who was told what, when, by which channel, and the delivery state; newest first",
            description = "Filters: sak (incident or problem id), kanal (sms, email, webhook), tilstand (ledger state), "
                    + "siden (yyyy-MM-dd or yyyy-MM-ddTHH:mm, Norwegian time), antall (1-1000, default 100), "
                    + "eldre-enn (row id: the next page). Subscriber ids only.")
    public Response show(@QueryParam("sak") String subject, @QueryParam("kanal") String channel,
                         @QueryParam("tilstand") String state, @QueryParam("siden") String since,
                         @QueryParam("antall") String limit, @QueryParam("eldre-enn") String before)
            throws SQLException {
        String sak = blankToNull(subject);
        String kanal = blankToNull(channel) == null ? null : channel.strip().toLowerCase(Locale.ROOT);
        String tilstand = blankToNull(state) == null ? null : state.strip().toLowerCase(Locale.ROOT);
        String siden = blankToNull(since);
        String error = null;
        if (sak != null && !SUBJECT.matcher(sak).matches()) {
            error = "Ugyldig sak (en hendelse INC-… eller et problem PRB-…). / Invalid incident or problem id.";
        } else if (kanal != null && List.of(Channel.values()).stream().noneMatch(c -> c.wire().equals(kanal))) {
            error = "Ukjent kanal. / Unknown channel.";
        } else if (tilstand != null && !STATES.contains(tilstand)) {
            error = "Ukjent tilstand. / Unknown state.";
        }
        Instant from = null;
        if (error == null && siden != null) {
            from = instant(siden);
            if (from == null) {
                error = "Ugyldig tid: bruk ÅÅÅÅ-MM-DD eller ÅÅÅÅ-MM-DDTTT:MM. / Invalid time.";
            }
        }
        int n = DEFAULT_LIMIT;
        Long older = null;
        try {
            if (blankToNull(limit) != null) {
                n = Integer.parseInt(limit.strip());
                if (n < 1 || n > MAX_LIMIT) {
                    throw new NumberFormatException();
                }
            }
            older = blankToNull(before) == null ? null : Long.valueOf(before.strip());
        } catch (NumberFormatException e) {
            n = DEFAULT_LIMIT;
            error = error == null ? "Antall må være 1–" + MAX_LIMIT + ", og sidene tall. / Limit must be 1–" + MAX_LIMIT
                    + "." : error;
        }
        List<Row> rows = error != null ? List.of() : deliveries.recent(new DeliveryQueries.Filter(sak, kanal, tilstand,
                from, older, n)).stream().map(Row::new).toList();
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("sak", sak);
        filters.put("kanal", kanal);
        filters.put("tilstand", tilstand);
        filters.put("siden", siden);
        filters.put("antall", n == DEFAULT_LIMIT ? null : String.valueOf(n));
        String olderHref = rows.isEmpty() || rows.size() < n ? null
                : href(filters) + (filters.values().stream().anyMatch(v -> v != null) ? "&" : "?") + "eldre-enn="
                + rows.get(rows.size() - 1).r().id();
        String html = page.data("user", identity.getPrincipal().getName()).data("rows", rows)
                .data("sak", sak == null ? "" : sak).data("kanal", kanal == null ? "" : kanal)
                .data("tilstand", tilstand == null ? "" : tilstand).data("siden", siden == null ? "" : siden)
                .data("antall", n).data("paged", older != null).data("firstHref", href(filters))
                .data("olderHref", olderHref).data("channels", List.of(Channel.values()).stream().map(Channel::wire)
                        .toList()).data("states", STATES).data("errorText", error).render();
        return Response.status(error == null ? 200 : 400).entity(html)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).header("Cache-Control", "no-store").build();
    }

    /** {@code /console/varsler} with the given (non-null) filters. */
    static String href(Map<String, String> filters) {
        StringBuilder b = new StringBuilder("/console/varsler");
        char sep = '?';
        for (Map.Entry<String, String> e : filters.entrySet()) {
            if (e.getValue() != null) {
                b.append(sep).append(e.getKey()).append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
                sep = '&';
            }
        }
        return b.toString();
    }

    /** A date (start of day) or a date and time, in Norwegian time; null if it is neither. */
    static Instant instant(String s) {
        try {
            return s.length() <= 10 ? LocalDate.parse(s).atStartOfDay(ConsoleTimes.OSLO).toInstant()
                    : LocalDateTime.parse(s).atZone(ConsoleTimes.OSLO).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Provider errors may quote what they were given: anything like an address or a phone number is masked. */
    static String masked(String error) {
        if (error == null) {
            return null;
        }
        return PHONE.matcher(EMAIL.matcher(error).replaceAll("•••@•••")).replaceAll("•••");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
