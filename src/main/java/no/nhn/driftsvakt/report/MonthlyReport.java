package no.nhn.driftsvakt.report;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;

/**
 * One month's report, as {@link Reports#compute} builds it. Every list is in the order the page shows it.
 *
 * @param partial the month is not over yet (figures so far)
 */
public record MonthlyReport(YearMonth month, Instant from, Instant to, boolean partial,
                            List<Availability> availability, int incidentsOpened, List<IncidentCount> byCategory,
                            List<IncidentCount> byService, List<IncidentCount> byPriority, List<TimeStat> times,
                            List<ProblemRow> problems, int problemsOpened, int problemsClosed,
                            List<MessageRow> messages, List<ChannelTotal> channels) {

    public MonthlyReport {
        availability = List.copyOf(availability);
        byCategory = List.copyOf(byCategory);
        byService = List.copyOf(byService);
        byPriority = List.copyOf(byPriority);
        times = List.copyOf(times);
        problems = List.copyOf(problems);
        messages = List.copyOf(messages);
        channels = List.copyOf(channels);
    }

    /** The month as {@code 2026-11}. */
    public String monthText() {
        return month.toString();
    }

    /**
     * A component's availability in the month: the share of the known time outside a partial or major outage
     * (degraded performance and maintenance count as available, as on driftsweb).
     *
     * @param availability null when nothing was known about the component in the month
     * @param downMinutes  minutes in a partial or major outage
     * @param daysKnown    days with any known status
     */
    public record Availability(String componentId, String name, String category, Double availability,
                               long downMinutes, int daysKnown) {

        /** E.g. {@code 99.861 %}, or {@code –}. */
        public String percent() {
            return availability == null ? "–" : String.format(Locale.ROOT, "%.3f %%", availability * 100);
        }

        /** For CSV: e.g. {@code 99.861}, or empty. */
        public String percentNumber() {
            return availability == null ? "" : String.format(Locale.ROOT, "%.3f", availability * 100);
        }

        /** A CSS class: ok (100 %), minor (≥ 99.9 %), major (≥ 99 %), critical, or none (no data). */
        public String level() {
            if (availability == null) {
                return "none";
            }
            return availability >= 0.99999 ? "ok" : availability >= 0.999 ? "minor" : availability >= 0.99 ? "major"
                    : "critical";
        }
    }

    /**
     * Incidents opened in the month for one category, service or priority.
     *
     * @param confirmed confirmed by staff (or reported by them) at some point
     * @param dismissed dismissed as a false positive
     */
    public record IncidentCount(String key, String label, int total, int confirmed, int dismissed) {
    }

    /**
     * Median and 90th percentile of a time, over the month's incidents.
     *
     * @param measure  {@code confirm} (opened → confirmed, incidents opened by monitoring) or {@code resolve}
     *                 (opened → resolved, confirmed incidents)
     * @param priority {@code alle} or P1–P4
     * @param n        how many incidents the figures are over
     * @param median   null when n is 0
     * @param p90      null when n is 0 (nearest rank: 90 % took this long or less)
     */
    public record TimeStat(String measure, String priority, int n, Duration median, Duration p90) {

        /** Norwegian and English name of the measure. */
        public String measureText() {
            return "confirm".equals(measure) ? "Tid til bekreftet / Time to confirm"
                    : "Tid til løst / Time to resolve";
        }

        public String medianText() {
            return human(median);
        }

        public String p90Text() {
            return human(p90);
        }

        /** For CSV: minutes with one decimal, or empty. */
        public String medianMinutes() {
            return minutes(median);
        }

        public String p90Minutes() {
            return minutes(p90);
        }

        static String minutes(Duration d) {
            return d == null ? "" : String.format(Locale.ROOT, "%.1f", d.toMillis() / 60_000.0);
        }

        /** E.g. {@code 45 s}, {@code 12 min}, {@code 2 t 5 min}, {@code 3 d 4 t}, or {@code –}. */
        static String human(Duration d) {
            if (d == null) {
                return "–";
            }
            long s = d.toSeconds();
            if (s < 60) {
                return s + " s";
            }
            long m = s / 60;
            if (m < 60) {
                return m + " min";
            }
            long h = m / 60;
            if (h < 24) {
                return h + " t " + m % 60 + " min";
            }
            return h / 24 + " d " + h % 24 + " t";
        }
    }

    /**
     * A problem opened or closed in the month (closed: resolved, or closed without a resolution).
     *
     * @param closedAt when it was resolved or closed, null while open
     */
    public record ProblemRow(String id, String title, String state, Instant openedAt, Instant closedAt,
                             boolean openedInMonth, boolean closedInMonth) {
    }

    /**
     * Ledger rows of one channel in one state.
     *
     * @param outcome sent (sent, delivered), failed (failed, undelivered), pending (planned, held, sending, retry,
     *                unknown) or not-sent (skipped, suppressed, dropped)
     */
    public record MessageRow(String channel, String state, String outcome, long count) {

        /** The outcome in Norwegian and English. */
        public String outcomeText() {
            return switch (outcome) {
                case "sent" -> "sendt / sent";
                case "failed" -> "feilet / failed";
                case "not-sent" -> "ikke sendt / not sent";
                default -> "underveis / pending";
            };
        }
    }

    /** A channel's rows by outcome. */
    public record ChannelTotal(String channel, long sent, long failed, long pending, long notSent) {
        public long total() {
            return sent + failed + pending + notSent;
        }
    }
}
