package no.nhn.driftsvakt.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import no.nhn.driftsvakt.platform.Csv;

/**
 * The report's tables as CSV (RFC 4180, CRLF, a header row; cells starting with = + - @ neutralised so a
 * spreadsheet never runs them). Pure.
 */
public final class ReportCsv {

    /** The tables, by the name in {@code /console/rapporter/{name}.csv}. */
    public static final Map<String, Function<MonthlyReport, String>> TABLES = Map.of(
            "tilgjengelighet", ReportCsv::availability,
            "hendelser-kategori", r -> incidents("category", r.byCategory()),
            "hendelser-tjeneste", r -> incidents("component_id", r.byService()),
            "hendelser-prioritet", r -> incidents("priority", r.byPriority()),
            "tider", ReportCsv::times,
            "problemer", ReportCsv::problems,
            "meldinger", ReportCsv::messages);

    private ReportCsv() {
    }

    /** The table of that name, or empty for an unknown name. */
    public static Optional<String> table(String name, MonthlyReport r) {
        Function<MonthlyReport, String> f = TABLES.get(name);
        return f == null ? Optional.empty() : Optional.of(f.apply(r));
    }

    static String availability(MonthlyReport r) {
        List<List<Object>> rows = new ArrayList<>();
        r.availability().forEach(a -> rows.add(Arrays.asList(r.monthText(), a.componentId(), a.name(), a.category(),
                a.percentNumber(), a.downMinutes(), a.daysKnown())));
        return Csv.table(List.of("month", "component_id", "component", "category", "availability_percent",
                "down_minutes", "days_known"), rows);
    }

    static String incidents(String keyName, List<MonthlyReport.IncidentCount> counts) {
        List<List<Object>> rows = new ArrayList<>();
        counts.forEach(c -> rows.add(Arrays.asList(c.key(), c.label(), c.total(), c.confirmed(), c.dismissed())));
        return Csv.table(List.of(keyName, "label", "incidents", "confirmed", "dismissed"), rows);
    }

    static String times(MonthlyReport r) {
        List<List<Object>> rows = new ArrayList<>();
        r.times().forEach(t -> rows.add(Arrays.asList(t.measure(), t.priority(), t.n(), t.medianMinutes(),
                t.p90Minutes())));
        return Csv.table(List.of("measure", "priority", "incidents", "median_minutes", "p90_minutes"), rows);
    }

    static String problems(MonthlyReport r) {
        List<List<Object>> rows = new ArrayList<>();
        r.problems().forEach(p -> rows.add(Arrays.asList(p.id(), p.title(), p.state(), text(p.openedAt()),
                text(p.closedAt()), p.openedInMonth(), p.closedInMonth())));
        return Csv.table(List.of("problem_id", "title", "state", "opened_at", "closed_at", "opened_in_month",
                "closed_in_month"), rows);
    }

    static String messages(MonthlyReport r) {
        List<List<Object>> rows = new ArrayList<>();
        r.messages().forEach(m -> rows.add(Arrays.asList(m.channel(), m.state(), m.outcome(), m.count())));
        return Csv.table(List.of("channel", "state", "outcome", "count"), rows);
    }

    private static String text(Instant t) {
        return t == null ? "" : t.toString();
    }
}
