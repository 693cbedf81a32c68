package no.nhn.driftsvakt.console;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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
import no.nhn.driftsvakt.report.Chart;
import no.nhn.driftsvakt.report.MonthlyReport;
import no.nhn.driftsvakt.report.ReportCsv;
import no.nhn.driftsvakt.report.ReportQueries;
import no.nhn.driftsvakt.report.Reports;

/**
 * {@code /console/rapporter}: a month's report (availability per component, incidents per category, service and
 * priority, time to confirm and to resolve, problems opened and closed, messages by channel and outcome), with
 * bar charts as inline SVG and each table as CSV ({@code /console/rapporter/{name}.csv?maaned=2026-11}).
 */
@Path("/console/rapporter")
@Tag(name = "Console")
@Blocking
public class ReportsPage {

    static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    @Inject
    SecurityIdentity identity;

    @Inject
    ReportQueries queries;

    @Inject
    Clock clock;

    @Inject
    @Location("console/reports.html")
    Template page;

    @GET
    @RolesAllowed("viewer")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The monthly report (maaned=2026-11; default this month, Europe/Oslo)")
    public Response show(@QueryParam("maaned") String maaned) throws SQLException {
        Optional<YearMonth> month = month(maaned);
        if (month.isEmpty()) {
            return badMonth(maaned);
        }
        MonthlyReport r = report(month.get());
        YearMonth now = YearMonth.from(Instant.now(clock).atZone(OSLO));
        String html = page.data("user", identity.getPrincipal().getName()).data("r", r)
                .data("previous", month.get().minusMonths(1).toString())
                .data("next", month.get().isBefore(now) ? month.get().plusMonths(1).toString() : null)
                .data("downChart", downChart(r)).data("priorityChart", priorityChart(r))
                .data("serviceChart", serviceChart(r)).data("channelChart", channelChart(r)).render();
        return Response.ok(html).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).header("Cache-Control", "no-store")
                .build();
    }

    @GET
    @Path("/{name}.csv")
    @RolesAllowed("viewer")
    @Produces("text/csv")
    @Operation(summary = "One table of the monthly report as CSV: tilgjengelighet, hendelser-kategori, "
            + "hendelser-tjeneste, hendelser-prioritet, tider, problemer, meldinger")
    public Response csv(@PathParam("name") String name, @QueryParam("maaned") String maaned) throws SQLException {
        Optional<YearMonth> month = month(maaned);
        if (month.isEmpty()) {
            return badMonth(maaned);
        }
        if (!ReportCsv.TABLES.containsKey(name)) {
            return Response.status(404).type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                    .entity("Ukjent tabell / Unknown table. " + ReportCsv.TABLES.keySet().stream().sorted().toList())
                    .build();
        }
        String body = ReportCsv.table(name, report(month.get())).orElseThrow();
        return Response.ok(body).type("text/csv; charset=UTF-8").header("Cache-Control", "no-store")
                .header("Content-Disposition", "attachment; filename=\"driftsvakt-" + name + "-" + month.get()
                        + ".csv\"").build();
    }

    private MonthlyReport report(YearMonth month) throws SQLException {
        return Reports.compute(month, OSLO, Instant.now(clock), queries.load(month, OSLO));
    }

    /** The month asked for, this month (Oslo) when none is given; empty when it is not one (2000–2100). */
    private Optional<YearMonth> month(String maaned) {
        if (maaned == null || maaned.isBlank()) {
            return Optional.of(YearMonth.from(Instant.now(clock).atZone(OSLO)));
        }
        try {
            YearMonth m = YearMonth.parse(maaned.trim());
            return m.getYear() < 2000 || m.getYear() > 2100 ? Optional.empty() : Optional.of(m);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Response badMonth(String maaned) {
        return Response.status(400).type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                .entity("Ugyldig måned; skriv den som 2026-11. / Invalid month; write it as 2026-11.").build();
    }

    static Chart downChart(MonthlyReport r) {
        return Chart.of("chart-down", "Minutter nede per komponent / Minutes down per component",
                r.availability().stream().filter(a -> a.downMinutes() > 0)
                        .sorted(Comparator.comparingLong(MonthlyReport.Availability::downMinutes).reversed()).limit(12)
                        .map(a -> new Chart.Item(a.name(), a.downMinutes() + " min",
                                List.of(new Chart.Part(a.downMinutes(), "c-down")))).toList());
    }

    static Chart priorityChart(MonthlyReport r) {
        return Chart.of("chart-priority", "Hendelser per prioritet / Incidents per priority",
                r.byPriority().stream().map(c -> new Chart.Item(c.label(), c.total() + " (" + c.confirmed()
                        + " bekreftet)", List.of(new Chart.Part(c.confirmed(), "c-confirmed"),
                        new Chart.Part(c.total() - c.confirmed(), "c-unconfirmed")))).toList());
    }

    static Chart serviceChart(MonthlyReport r) {
        return Chart.of("chart-service", "Hendelser per tjeneste (topp 10) / Incidents per service (top 10)",
                r.byService().stream().limit(10).map(c -> new Chart.Item(c.label(), c.total() + " (" + c.confirmed()
                        + " bekreftet)", List.of(new Chart.Part(c.confirmed(), "c-confirmed"),
                        new Chart.Part(c.total() - c.confirmed(), "c-unconfirmed")))).toList());
    }

    static Chart channelChart(MonthlyReport r) {
        return Chart.of("chart-channel", "Meldinger per kanal og utfall / Messages per channel and outcome",
                r.channels().stream().map(c -> new Chart.Item(c.channel(), c.total() + " (" + c.sent() + " sendt, "
                        + c.failed() + " feilet)", List.of(new Chart.Part(c.sent(), "c-sent"),
                        new Chart.Part(c.failed(), "c-failed"), new Chart.Part(c.pending(), "c-pending"),
                        new Chart.Part(c.notSent(), "c-notsent")))).toList());
    }
}
