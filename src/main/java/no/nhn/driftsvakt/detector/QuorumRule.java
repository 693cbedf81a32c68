package no.nhn.driftsvakt.detector;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Whether a check is down, judged across probe locations. Pure.
 *
 * <p>Each location has its own state machine (thresholds, flapping); this rule combines their states:
 * <ul>
 *   <li>A location counts only while it is <em>fresh</em>: it has a known state and its latest result is no older
 *       than {@code staleAfter}. A silent location neither counts toward the quorum nor blocks it.</li>
 *   <li>The number of locations needed is {@code quorum}, lowered to the number of fresh locations when fewer
 *       report, but never below {@code floor} (and never below 1).</li>
 *   <li>At least that many locations down: {@link Level#DOWN}. That many down or flapping: {@link Level#DEGRADED}.
 *       Fewer: {@link Level#UP}, and the locations that do see it failing are named in {@link Verdict#failing()}
 *       ("unreachable from X": staff see it, customers do not).</li>
 *   <li>No fresh location at all: {@link Level#UNKNOWN} (the caller keeps what it said last).</li>
 * </ul>
 */
public final class QuorumRule {

    /** The check as the detector judges it across locations. */
    public enum Level {
        UNKNOWN, UP, DEGRADED, DOWN
    }

    /** What one location last said: its state machine's state and the time of its latest result. */
    public record Seen(CheckState state, Instant at) {
    }

    /**
     * @param failing  fresh locations that see the check down or flapping, sorted
     * @param silent   locations without a fresh, known state (expected ones that are silent or stale), sorted
     * @param fresh    how many locations counted
     * @param required how many failing locations make the check down
     */
    public record Verdict(Level level, List<String> failing, List<String> silent, int fresh, int required) {
        /** Up, but some locations see it failing: "unreachable from X". */
        public boolean belowQuorum() {
            return level == Level.UP && !failing.isEmpty();
        }
    }

    private QuorumRule() {
    }

    /**
     * @param expected   the configured locations (they are named as silent when they do not report)
     * @param latest     what each location that ever reported last said; locations not in {@code expected} count
     *                   too while they report
     * @param quorum     locations that must see the check down
     * @param floor      the quorum is never lowered below this, however many locations are silent
     * @param staleAfter a location whose latest result is older than this (before {@code now}) does not count
     */
    public static Verdict decide(List<String> expected, Map<String, Seen> latest, int quorum, int floor,
                                 Duration staleAfter, Instant now) {
        TreeSet<String> all = new TreeSet<>(expected);
        all.addAll(latest.keySet());
        List<String> down = new ArrayList<>();
        List<String> flapping = new ArrayList<>();
        List<String> silent = new ArrayList<>();
        int fresh = 0;
        for (String location : all) {
            Seen s = latest.get(location);
            if (s == null || s.state() == CheckState.UNKNOWN || s.at().isBefore(now.minus(staleAfter))) {
                silent.add(location);
                continue;
            }
            fresh++;
            if (s.state() == CheckState.DOWN) {
                down.add(location);
            } else if (s.state() == CheckState.FLAPPING) {
                flapping.add(location);
            }
        }
        int required = Math.max(1, Math.max(Math.min(floor, quorum), Math.min(quorum, fresh)));
        List<String> failing = new ArrayList<>(new TreeSet<>(concat(down, flapping)));
        if (fresh == 0) {
            return new Verdict(Level.UNKNOWN, failing, silent, 0, required);
        }
        Level level = down.size() >= required ? Level.DOWN
                : failing.size() >= required ? Level.DEGRADED
                : Level.UP;
        return new Verdict(level, List.copyOf(failing), List.copyOf(silent), fresh, required);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** A location id as people read it: {@code bergen} → {@code Bergen}. */
    public static String displayName(String location) {
        if (location == null || location.isEmpty()) {
            return "";
        }
        return Character.toUpperCase(location.charAt(0)) + location.substring(1);
    }

    /** {@code [bergen, oslo]} → {@code Bergen og Oslo} / {@code Bergen and Oslo}. */
    static String names(List<String> locations, String and) {
        List<String> n = locations.stream().map(QuorumRule::displayName).toList();
        if (n.size() <= 1) {
            return String.join("", n);
        }
        return String.join(", ", n.subList(0, n.size() - 1)) + " " + and + " " + n.get(n.size() - 1);
    }
}
