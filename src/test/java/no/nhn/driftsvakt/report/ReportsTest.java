package no.nhn.driftsvakt.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import no.nhn.driftsvakt.report.MonthlyReport.Availability;
import no.nhn.driftsvakt.report.MonthlyReport.IncidentCount;
import no.nhn.driftsvakt.report.MonthlyReport.TimeStat;
import no.nhn.driftsvakt.report.ReportInput.ComponentInfo;
import no.nhn.driftsvakt.report.ReportInput.IncidentFact;
import no.nhn.driftsvakt.report.ReportInput.MessageCount;
import no.nhn.driftsvakt.report.ReportInput.ProblemFact;
import no.nhn.driftsvakt.status.ComponentStatus;
import no.nhn.driftsvakt.status.StatusChangeRepository.StatusChange;

/** The monthly report from hand-built inputs, with a fixed "now" in Europe/Oslo. */
class ReportsTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);
    /** Well after November: the month is over. */
    private static final Instant LATER = Instant.parse("2027-01-15T12:00:00Z");
    private static final List<ComponentInfo> CATALOG = List.of(new ComponentInfo("hr", "Helseregister", "Tjenester"),
            new ComponentInfo("net", "Kjernenett", "Nettverk"));

    private static StatusChange change(String component, String at, ComponentStatus to) {
        return new StatusChange(component, null, to, null, component + at, Instant.parse(at));
    }

    private static Instant t(String s) {
        return Instant.parse(s);
    }

    private static ReportInput input(Map<String, List<StatusChange>> changes, List<IncidentFact> incidents) {
        return new ReportInput(CATALOG, changes, incidents, List.of(), List.of());
    }

    private static Availability row(MonthlyReport r, String component) {
        return r.availability().stream().filter(a -> a.componentId().equals(component)).findFirst().orElseThrow();
    }

    @Test
    void anOutageAcrossTheMonthBoundaryCountsInEachMonthOnlyForItsOwnPart() {
        // Up since October; down from 23:00 on 31 October to 01:00 on 1 November, Oslo time (UTC+1 then).
        Map<String, List<StatusChange>> all = Map.of("hr", List.of(
                change("hr", "2026-10-01T00:00:00Z", ComponentStatus.OPERATIONAL),
                change("hr", "2026-10-31T22:00:00Z", ComponentStatus.MAJOR_OUTAGE),
                change("hr", "2026-11-01T00:00:00Z", ComponentStatus.OPERATIONAL)));

        // November starts at 2026-10-31T23:00Z: the change in force then is the outage.
        MonthlyReport nov = Reports.compute(NOVEMBER, OSLO, LATER, input(all, List.of()));
        Availability hr = row(nov, "hr");
        double novMinutes = 30 * 1440;
        assertEquals(60, hr.downMinutes(), "only November's hour");
        assertEquals((novMinutes - 60) / novMinutes, hr.availability(), 1e-9);
        assertEquals(30, hr.daysKnown());
        assertEquals("99.861 %", hr.percent());
        assertFalse(nov.partial());

        // October: the hour before midnight (its last Sunday has 25 hours: summer time ends)
        MonthlyReport oct = Reports.compute(YearMonth.of(2026, 10), OSLO, LATER, input(all, List.of()));
        Availability hrOct = row(oct, "hr");
        assertEquals(60, hrOct.downMinutes());
        double known = Duration.between(t("2026-10-01T00:00:00Z"), t("2026-10-31T23:00:00Z")).toMinutes();
        assertEquals((known - 60) / known, hrOct.availability(), 1e-9, "known from the first status on");

        // A component without any status is unknown, not 100 %
        Availability net = row(nov, "net");
        assertNull(net.availability());
        assertEquals("–", net.percent());
        assertEquals(0, net.daysKnown());
    }

    @Test
    void theCurrentMonthIsCountedUntilNow() {
        Map<String, List<StatusChange>> all = Map.of("hr", List.of(
                change("hr", "2026-11-01T00:00:00Z", ComponentStatus.OPERATIONAL),
                change("hr", "2026-11-10T11:00:00Z", ComponentStatus.PARTIAL_OUTAGE)));
        Instant now = t("2026-11-10T12:00:00Z");
        MonthlyReport r = Reports.compute(NOVEMBER, OSLO, now, input(all, List.of()));
        assertTrue(r.partial());
        Availability hr = row(r, "hr");
        assertEquals(10, hr.daysKnown(), "1 to 10 November");
        assertEquals(60, hr.downMinutes(), "partial outage counts as down; until now, not the month's end");
        double known = Duration.between(t("2026-11-01T00:00:00Z"), now).toMinutes();
        assertEquals((known - 60) / known, hr.availability(), 1e-9);
    }

    @Test
    void incidentsAreCountedByCategoryServiceAndPriorityWithMediansAndP90() {
        Instant base = t("2026-11-05T08:00:00Z");
        List<IncidentFact> incidents = List.of(
                // confirmed after 2, 4, 6, 8 and 30 minutes; resolved after 60, 120, 180 minutes (three of them)
                incident("INC-1", "hr", "P2", "resolved", base, 2, 60),
                incident("INC-2", "hr", "P2", "resolved", base, 4, 120),
                incident("INC-3", "net", "P1", "resolved", base, 6, 180),
                incident("INC-4", "net", "P1", "investigating", base, 8, null),
                incident("INC-5", "hr", "P3", "closed", base, 30, null),
                // never confirmed: counted, not timed
                new IncidentFact("INC-6", "hr", "P3", "dismissed", "signal", base, null, null),
                // reported by staff: confirmed at once, so not in time to confirm; resolved after 10 minutes
                new IncidentFact("INC-7", "gone", "P4", "resolved", "manual", base, base,
                        base.plus(Duration.ofMinutes(10))),
                // opened in October: not this month's
                incident("INC-0", "hr", "P1", "resolved", t("2026-10-31T22:59:59Z"), 1, 5));
        MonthlyReport r = Reports.compute(NOVEMBER, OSLO, LATER, input(Map.of(), incidents));

        assertEquals(7, r.incidentsOpened());
        assertEquals(List.of(new IncidentCount("P1", "P1", 2, 2, 0), new IncidentCount("P2", "P2", 2, 2, 0),
                new IncidentCount("P3", "P3", 2, 1, 1), new IncidentCount("P4", "P4", 1, 1, 0)), r.byPriority());
        assertEquals(List.of(new IncidentCount("hr", "Helseregister", 4, 3, 1),
                new IncidentCount("net", "Kjernenett", 2, 2, 0),
                new IncidentCount("gone", "gone", 1, 1, 0)), r.byService(), "most first; unknown component by id");
        assertEquals(List.of(new IncidentCount("Tjenester", "Tjenester", 4, 3, 1),
                new IncidentCount("Nettverk", "Nettverk", 2, 2, 0),
                new IncidentCount(Reports.UNKNOWN, Reports.UNKNOWN, 1, 1, 0)), r.byCategory());

        TimeStat confirm = time(r, "confirm", "alle");
        assertEquals(5, confirm.n(), "manual and unconfirmed incidents are not timed");
        assertEquals(Duration.ofMinutes(6), confirm.median());
        assertEquals(Duration.ofMinutes(30), confirm.p90(), "nearest rank: ceil(0.9 * 5) = 5th");
        assertEquals("6 min", confirm.medianText());
        assertEquals("30.0", confirm.p90Minutes());
        TimeStat resolve = time(r, "resolve", "alle");
        assertEquals(4, resolve.n());
        assertEquals(Duration.ofMinutes(90), resolve.median(), "even count: the mean of 60 and 120");
        assertEquals(Duration.ofMinutes(180), resolve.p90());
        assertEquals("1 t 30 min", resolve.medianText());
        TimeStat p1 = time(r, "confirm", "P1");
        assertEquals(2, p1.n());
        assertEquals(Duration.ofMinutes(7), p1.median());
        assertTrue(r.times().stream().noneMatch(s -> s.measure().equals("resolve") && s.priority().equals("P3")),
                "no row for a priority without resolved incidents");
    }

    @Test
    void percentilesUseTheNearestRank() {
        List<Duration> ten = java.util.stream.IntStream.rangeClosed(1, 10).mapToObj(Duration::ofMinutes).toList();
        assertEquals(Duration.ofMinutes(9), Reports.percentile(ten, 0.9));
        assertEquals(Duration.ofMinutes(5).plusSeconds(30), Reports.median(ten));
        assertEquals(Duration.ofMinutes(1), Reports.percentile(List.of(Duration.ofMinutes(1)), 0.9));
        assertNull(Reports.median(List.of()));
        assertNull(Reports.percentile(List.of(), 0.9));
    }

    @Test
    void problemsOpenedAndClosedInTheMonthAndMessagesByOutcome() {
        List<ProblemFact> problems = List.of(
                new ProblemFact("PRB-1", "Nett", "resolved", t("2026-11-02T10:00:00Z"), t("2026-11-03T10:00:00Z"),
                        t("2026-11-03T10:00:00Z")),
                new ProblemFact("PRB-2", "Gammel", "closed", t("2026-10-02T10:00:00Z"), null,
                        t("2026-11-20T10:00:00Z")),
                new ProblemFact("PRB-3", "Åpen", "analysing", t("2026-11-25T10:00:00Z"), null,
                        t("2026-11-25T10:00:00Z")),
                new ProblemFact("PRB-4", "Neste måned", "resolved", t("2026-11-28T10:00:00Z"),
                        t("2026-12-02T10:00:00Z"), t("2026-12-02T10:00:00Z")));
        List<MessageCount> messages = List.of(new MessageCount("sms", "delivered", 5),
                new MessageCount("sms", "failed", 1), new MessageCount("email", "sent", 3),
                new MessageCount("sms", "held", 2), new MessageCount("email", "skipped", 4));
        MonthlyReport r = Reports.compute(NOVEMBER, OSLO, LATER,
                new ReportInput(CATALOG, Map.of(), List.of(), problems, messages));
        assertEquals(3, r.problemsOpened(), "PRB-1, PRB-3, PRB-4");
        assertEquals(2, r.problemsClosed(), "PRB-1, and PRB-2 closed without a resolution");
        assertEquals(List.of("PRB-2", "PRB-1", "PRB-3", "PRB-4"),
                r.problems().stream().map(MonthlyReport.ProblemRow::id).toList());
        assertEquals(List.of(new MonthlyReport.ChannelTotal("email", 3, 0, 0, 4),
                new MonthlyReport.ChannelTotal("sms", 5, 1, 2, 0)), r.channels());
        assertEquals("failed", r.messages().stream().filter(m -> m.state().equals("failed")).findFirst().orElseThrow()
                .outcome());
    }

    @Test
    void anEmptyMonthHasZerosAndNoFigures() {
        MonthlyReport r = Reports.compute(NOVEMBER, OSLO, LATER,
                new ReportInput(CATALOG, Map.of(), List.of(), List.of(), List.of()));
        assertEquals(0, r.incidentsOpened());
        assertEquals(4, r.byPriority().size(), "every priority listed, at zero");
        assertTrue(r.byPriority().stream().allMatch(c -> c.total() == 0));
        assertTrue(r.byService().isEmpty());
        assertTrue(r.byCategory().isEmpty());
        assertEquals(List.of(new TimeStat("confirm", "alle", 0, null, null),
                new TimeStat("resolve", "alle", 0, null, null)), r.times());
        assertEquals("–", r.times().get(0).medianText());
        assertEquals(2, r.availability().size());
        assertTrue(r.availability().stream().allMatch(a -> a.availability() == null));
        assertTrue(r.problems().isEmpty());
        assertTrue(r.channels().isEmpty());
        // CSV: the header row only, and for the future month too
        assertEquals("channel,state,outcome,count\r\n", ReportCsv.table("meldinger", r).orElseThrow());
        MonthlyReport future = Reports.compute(YearMonth.of(2030, 1), OSLO, LATER,
                new ReportInput(CATALOG, Map.of(), List.of(), List.of(), List.of()));
        assertTrue(future.availability().stream().allMatch(a -> a.availability() == null));
    }

    @Test
    void csvTablesHaveAHeaderAndNeutraliseFormulas() {
        List<ComponentInfo> catalog = List.of(new ComponentInfo("x", "=HYPERLINK(\"http://evil\")", "-Kat, egori"));
        MonthlyReport r = Reports.compute(NOVEMBER, OSLO, LATER, new ReportInput(catalog, Map.of(),
                List.of(incident("INC-9", "x", "P2", "resolved", t("2026-11-05T08:00:00Z"), 2, 10)), List.of(),
                List.of()));
        String csv = ReportCsv.table("hendelser-tjeneste", r).orElseThrow();
        assertEquals("component_id,label,incidents,confirmed,dismissed\r\n"
                + "x,\"'=HYPERLINK(\"\"http://evil\"\")\",1,1,0\r\n", csv);
        assertTrue(ReportCsv.table("hendelser-kategori", r).orElseThrow().contains("\"'-Kat, egori\",1,1,0"));
        assertTrue(ReportCsv.table("tider", r).orElseThrow().contains("confirm,alle,1,2.0,2.0\r\n"));
        assertTrue(ReportCsv.table("nope", r).isEmpty());
    }

    @Test
    void chartsScaleTheLongestBarAndStackParts() {
        Chart c = Chart.of("c", "T", List.of(new Chart.Item("a", "10", List.of(new Chart.Part(6, "x"),
                new Chart.Part(4, "y"))), Chart.Item.of("a very long component name for a chart label", 5, "x"),
                Chart.Item.of("zero", 0, "x")));
        assertEquals(3, c.bars().size());
        assertEquals(List.of(new Chart.Segment(Chart.LABEL_WIDTH, 216, "x"),
                new Chart.Segment(Chart.LABEL_WIDTH + 216, 144, "y")), c.bars().get(0).segments());
        assertEquals(180, c.bars().get(1).segments().get(0).width());
        assertEquals(Chart.MAX_LABEL, c.bars().get(1).label().length());
        assertTrue(c.bars().get(2).segments().isEmpty());
        assertEquals(8 + 3 * Chart.ROW, c.height());
    }

    private static TimeStat time(MonthlyReport r, String measure, String priority) {
        return r.times().stream().filter(s -> s.measure().equals(measure) && s.priority().equals(priority))
                .findFirst().orElseThrow();
    }

    private static IncidentFact incident(String id, String component, String priority, String state, Instant opened,
                                         long confirmAfterMinutes, Integer resolveAfterMinutes) {
        return new IncidentFact(id, component, priority, state, "signal", opened,
                opened.plus(Duration.ofMinutes(confirmAfterMinutes)),
                resolveAfterMinutes == null ? null : opened.plus(Duration.ofMinutes(resolveAfterMinutes)));
    }
}
