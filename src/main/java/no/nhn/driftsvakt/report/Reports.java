package no.nhn.driftsvakt.report;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

import no.nhn.driftsvakt.driftsweb.Uptime;
import no.nhn.driftsvakt.report.MonthlyReport.Availability;
import no.nhn.driftsvakt.report.MonthlyReport.ChannelTotal;
import no.nhn.driftsvakt.report.MonthlyReport.IncidentCount;
import no.nhn.driftsvakt.report.MonthlyReport.MessageRow;
import no.nhn.driftsvakt.report.MonthlyReport.ProblemRow;
import no.nhn.driftsvakt.report.MonthlyReport.TimeStat;
import no.nhn.driftsvakt.report.ReportInput.ComponentInfo;
import no.nhn.driftsvakt.report.ReportInput.IncidentFact;
import no.nhn.driftsvakt.report.ReportInput.ProblemFact;

/**
 * Computes a month's report from plain values. Pure and deterministic: the month, the zone (Europe/Oslo) and "now"
 * are given. The month runs from its first midnight to the next month's first midnight in the zone; a month not
 * over yet is counted until now.
 * <ul>
 * <li>Availability: {@link Uptime}'s daily roll-up over the month's days (the same figures as driftsweb's bars).</li>
 * <li>Incidents: those opened in the month, all of them counted, with how many were confirmed and dismissed.</li>
 * <li>Time to confirm: opened → confirmed, for incidents opened by monitoring (a staff report is confirmed at once).
 * Time to resolve: opened → resolved, for confirmed incidents. Median (the mean of the two middle values for an
 * even count) and 90th percentile (nearest rank).</li>
 * <li>Problems: opened in the month; closed in the month (resolved, or closed without a resolution).</li>
 * <li>Messages: ledger rows created in the month, by channel and state.</li>
 * </ul>
 */
public final class Reports {

    /** The priorities always listed, even without incidents. */
    static final List<String> PRIORITIES = List.of("P1", "P2", "P3", "P4");

    static final String UNKNOWN = "(ukjent / unknown)";

    private Reports() {
    }

    public static MonthlyReport compute(YearMonth month, ZoneId zone, Instant now, ReportInput in) {
        Instant from = month.atDay(1).atStartOfDay(zone).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        boolean partial = now.isBefore(to);
        Map<String, ComponentInfo> components = new LinkedHashMap<>();
        in.components().forEach(c -> components.put(c.id(), c));
        new TreeSet<>(in.changes().keySet()).forEach(id -> components.putIfAbsent(id,
                new ComponentInfo(id, id, UNKNOWN)));

        List<IncidentFact> incidents = in.incidents().stream().filter(i -> within(i.openedAt(), from, to)).toList();
        Function<IncidentFact, ComponentInfo> component = i -> components.getOrDefault(i.componentId(),
                new ComponentInfo(i.componentId(), i.componentId(), UNKNOWN));

        List<ProblemRow> problems = problems(in.problems(), from, to);
        List<MessageRow> messages = in.messages().stream().filter(m -> m.count() > 0)
                .map(m -> new MessageRow(m.channel(), m.state(), outcome(m.state()), m.count()))
                .sorted(Comparator.comparing(MessageRow::channel).thenComparing(MessageRow::state)).toList();
        return new MonthlyReport(month, from, to, partial, availability(components.values(), in, month, zone, from, to,
                now), incidents.size(),
                counts(incidents, i -> component.apply(i).category(), i -> component.apply(i).category(), List.of()),
                counts(incidents, IncidentFact::componentId, i -> component.apply(i).name(), List.of()),
                counts(incidents, IncidentFact::priority, IncidentFact::priority, PRIORITIES),
                times(incidents), problems, (int) problems.stream().filter(ProblemRow::openedInMonth).count(),
                (int) problems.stream().filter(ProblemRow::closedInMonth).count(), messages, channels(messages));
    }

    private static boolean within(Instant t, Instant from, Instant to) {
        return t != null && !t.isBefore(from) && t.isBefore(to);
    }

    private static List<Availability> availability(Iterable<ComponentInfo> components, ReportInput in, YearMonth month,
                                                   ZoneId zone, Instant from, Instant to, Instant now) {
        List<Availability> out = new ArrayList<>();
        boolean started = now.isAfter(from);
        boolean over = !now.isBefore(to);
        LocalDate lastDay = over ? month.atEndOfMonth() : now.atZone(zone).toLocalDate();
        Instant stop = over ? to : now;
        for (ComponentInfo c : components) {
            if (!started) {
                out.add(new Availability(c.id(), c.name(), c.category(), null, 0, 0));
                continue;
            }
            Uptime.Bars bars = Uptime.bars(in.changes().getOrDefault(c.id(), List.of()), lastDay, stop, zone,
                    lastDay.getDayOfMonth());
            long down = bars.days().stream().mapToLong(Uptime.Day::downMinutes).sum();
            int known = (int) bars.days().stream().filter(d -> d.availability() != null).count();
            out.add(new Availability(c.id(), c.name(), c.category(), bars.overall(), down, known));
        }
        return out;
    }

    /**
     * Counts per key, the keys given in {@code always} first (in that order, even at zero), then the others by
     * count (most first) and label.
     */
    private static List<IncidentCount> counts(List<IncidentFact> incidents, Function<IncidentFact, String> key,
                                              Function<IncidentFact, String> label, List<String> always) {
        Map<String, int[]> n = new LinkedHashMap<>();
        Map<String, String> labels = new LinkedHashMap<>();
        always.forEach(k -> {
            n.put(k, new int[3]);
            labels.put(k, k);
        });
        for (IncidentFact i : incidents) {
            String k = key.apply(i);
            int[] c = n.computeIfAbsent(k, x -> new int[3]);
            labels.putIfAbsent(k, label.apply(i));
            c[0]++;
            c[1] += i.confirmedAt() != null ? 1 : 0;
            c[2] += "dismissed".equals(i.state()) ? 1 : 0;
        }
        List<IncidentCount> fixed = new ArrayList<>();
        List<IncidentCount> rest = new ArrayList<>();
        n.forEach((k, c) -> (always.contains(k) ? fixed : rest).add(new IncidentCount(k, labels.get(k), c[0], c[1],
                c[2])));
        rest.sort(Comparator.comparingInt(IncidentCount::total).reversed().thenComparing(IncidentCount::label));
        fixed.addAll(rest);
        return fixed;
    }

    private static List<TimeStat> times(List<IncidentFact> incidents) {
        List<TimeStat> out = new ArrayList<>();
        Predicate<IncidentFact> confirmable = i -> i.confirmedAt() != null && !"manual".equals(i.origin());
        Predicate<IncidentFact> resolvable = i -> i.confirmedAt() != null && i.resolvedAt() != null;
        out.addAll(stats("confirm", incidents, confirmable, i -> Duration.between(i.openedAt(), i.confirmedAt())));
        out.addAll(stats("resolve", incidents, resolvable, i -> Duration.between(i.openedAt(), i.resolvedAt())));
        return out;
    }

    private static List<TimeStat> stats(String measure, List<IncidentFact> incidents, Predicate<IncidentFact> counted,
                                        Function<IncidentFact, Duration> time) {
        List<TimeStat> out = new ArrayList<>();
        out.add(stat(measure, "alle", incidents.stream().filter(counted).map(time).toList()));
        for (String p : PRIORITIES) {
            List<Duration> d = incidents.stream().filter(counted).filter(i -> p.equals(i.priority())).map(time)
                    .toList();
            if (!d.isEmpty()) {
                out.add(stat(measure, p, d));
            }
        }
        return out;
    }

    static TimeStat stat(String measure, String priority, List<Duration> times) {
        List<Duration> sorted = times.stream().sorted().toList();
        return new TimeStat(measure, priority, sorted.size(), median(sorted), percentile(sorted, 0.9));
    }

    /** The middle value, or the mean of the two middle ones; null for none. {@code sorted} ascending. */
    static Duration median(List<Duration> sorted) {
        int n = sorted.size();
        if (n == 0) {
            return null;
        }
        return n % 2 == 1 ? sorted.get(n / 2) : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2);
    }

    /** Nearest rank: the smallest value with at least {@code p} of the values at or below it; null for none. */
    static Duration percentile(List<Duration> sorted, double p) {
        int n = sorted.size();
        if (n == 0) {
            return null;
        }
        int rank = (int) Math.ceil(p * n - 1e-9);
        return sorted.get(Math.max(1, rank) - 1);
    }

    private static List<ProblemRow> problems(List<ProblemFact> problems, Instant from, Instant to) {
        List<ProblemRow> out = new ArrayList<>();
        for (ProblemFact p : problems) {
            boolean done = "resolved".equals(p.state()) || "closed".equals(p.state());
            Instant closedAt = !done ? null : p.resolvedAt() != null ? p.resolvedAt() : p.updatedAt();
            boolean opened = within(p.openedAt(), from, to);
            boolean closed = within(closedAt, from, to);
            if (opened || closed) {
                out.add(new ProblemRow(p.id(), p.title(), p.state(), p.openedAt(), closedAt, opened, closed));
            }
        }
        out.sort(Comparator.comparing(ProblemRow::openedAt).thenComparing(ProblemRow::id));
        return out;
    }

    static String outcome(String state) {
        return switch (state) {
            case "sent", "delivered" -> "sent";
            case "failed", "undelivered" -> "failed";
            case "skipped", "suppressed", "dropped" -> "not-sent";
            default -> "pending";
        };
    }

    private static List<ChannelTotal> channels(List<MessageRow> messages) {
        Map<String, long[]> n = new LinkedHashMap<>();
        for (MessageRow m : messages) {
            long[] c = n.computeIfAbsent(m.channel(), x -> new long[4]);
            c[switch (m.outcome()) {
                case "sent" -> 0;
                case "failed" -> 1;
                case "pending" -> 2;
                default -> 3;
            }] += m.count();
        }
        List<ChannelTotal> out = new ArrayList<>();
        n.forEach((ch, c) -> out.add(new ChannelTotal(ch, c[0], c[1], c[2], c[3])));
        return out;
    }
}
