package no.nhn.driftsvakt.driftsweb;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import no.nhn.driftsvakt.status.ComponentStatus;
import no.nhn.driftsvakt.status.StatusChangeRepository.StatusChange;

/**
 * Daily availability of one component from its status history (the roll-up of its checks' results): the share
 * of each day spent outside a partial or major outage. Degraded performance and maintenance count as available,
 * as on Statuspage. Pure and deterministic.
 */
public final class Uptime {

    /**
     * One day. {@code availability} is null when nothing was known about the component that day (before its
     * first recorded status).
     */
    public record Day(LocalDate date, Double availability, ComponentStatus worst, long downMinutes) {

        /** The figure shown on hover/focus, e.g. {@code 99.31 %}. */
        public String percent() {
            return availability == null ? "–" : String.format(java.util.Locale.ROOT, "%.2f %%", availability * 100);
        }

        /** The day and its figure, e.g. {@code 26.11.: 97.50 %}: the bar's tooltip and its text for screen readers. */
        public String label() {
            return String.format(java.util.Locale.ROOT, "%02d.%02d.: %s", date.getDayOfMonth(), date.getMonthValue(),
                    percent());
        }

        /** A day worth a look: known, and not fully available or degraded. */
        public boolean notable() {
            String l = level();
            return !l.equals("ok") && !l.equals("none");
        }

        /** A one-letter CSS class (the page repeats it 90 times per component): o, m, M, c, or n for no data. */
        public String css() {
            return switch (level()) {
                case "ok" -> "o";
                case "minor" -> "m";
                case "major" -> "M";
                case "critical" -> "c";
                default -> "n";
            };
        }

        /** A CSS class for the bar; the figure and the text carry the meaning, not the colour. */
        public String level() {
            if (availability == null) {
                return "none";
            }
            if (availability >= 0.9999) {
                return worst != null && worst.severity() >= ComponentStatus.DEGRADED_PERFORMANCE.severity()
                        ? "minor" : "ok";
            }
            return availability >= 0.99 ? "minor" : availability >= 0.95 ? "major" : "critical";
        }
    }

    /** A component's days, oldest first, and the availability over all known days. */
    public record Bars(List<Day> days, Double overall) {
        /** The days worth a look, for the text summary. */
        public List<Day> notable() {
            return days.stream().filter(Day::notable).toList();
        }

        public String overallPercent() {
            return overall == null ? "–" : String.format(java.util.Locale.ROOT, "%.2f %%", overall * 100);
        }
    }

    private Uptime() {
    }

    /**
     * @param changes the component's changes in time order: the last one before the first day (if any) and every
     *                one after it
     * @param now     the end of the last day counted
     * @param days    how many days, today included
     */
    public static Bars bars(List<StatusChange> changes, Instant now, ZoneId zone, int days) {
        return bars(changes, now.atZone(zone).toLocalDate(), now, zone, days);
    }

    /**
     * The same for days ending with a given one, e.g. a past month (the console's monthly report).
     *
     * @param changes the component's changes in time order: the last one before the first day (if any) and every
     *                one after it (later ones are ignored)
     * @param lastDay the last day counted
     * @param stop    where counting stops on the last day: its end (the next day's start), or now for today
     * @param days    how many days, the last day included
     */
    public static Bars bars(List<StatusChange> changes, LocalDate lastDay, Instant stop, ZoneId zone, int days) {
        LocalDate today = lastDay;
        Instant now = stop;
        List<Day> out = new ArrayList<>(days);
        long upTotal = 0;
        long knownTotal = 0;
        int next = 0;
        ComponentStatus current = null;
        for (int d = days - 1; d >= 0; d--) {
            LocalDate date = today.minusDays(d);
            Instant start = date.atStartOfDay(zone).toInstant();
            Instant end = d == 0 ? now : date.plusDays(1).atStartOfDay(zone).toInstant();
            // The status in force at the start of the day.
            while (next < changes.size() && !changes.get(next).changedAt().isAfter(start)) {
                current = changes.get(next++).to();
            }
            long known = 0;
            long down = 0;
            ComponentStatus worst = current;
            Instant t = start;
            while (true) {
                Instant until = next < changes.size() && changes.get(next).changedAt().isBefore(end)
                        ? changes.get(next).changedAt() : end;
                long ms = Duration.between(t, until).toMillis();
                if (current != null && ms > 0) {
                    known += ms;
                    if (current.severity() >= ComponentStatus.PARTIAL_OUTAGE.severity()) {
                        down += ms;
                    }
                }
                if (until.equals(end)) {
                    break;
                }
                current = changes.get(next++).to();
                worst = worst == null ? current : worst.worst(current);
                t = until;
            }
            if (known == 0 && current != null) { // the first instant of today: the status in force
                out.add(new Day(date, current.severity() >= ComponentStatus.PARTIAL_OUTAGE.severity() ? 0.0 : 1.0,
                        current, 0));
            } else if (known == 0) {
                out.add(new Day(date, null, null, 0));
            } else {
                out.add(new Day(date, (known - down) / (double) known, worst, Math.round(down / 60_000.0)));
                upTotal += known - down;
                knownTotal += known;
            }
        }
        return new Bars(List.copyOf(out), knownTotal == 0 ? null : upTotal / (double) knownTotal);
    }
}
