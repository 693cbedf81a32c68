package no.nhn.driftsvakt.detector;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import no.nhn.driftsvakt.catalog.Check;
import no.nhn.driftsvakt.probe.ProbeResult;

/**
 * One state machine per (check, location). Pure; the caller serialises access (one partition, one thread: the
 * probe results are keyed by check id, so every location's results of a check meet here, in order).
 * A machine seen for the first time starts from the last state the status view knows, so a restart or
 * rebalance neither repeats nor misses a transition.
 *
 * <p>Two ways to judge a check: {@link #accept} publishes each location's transitions as they are (one location,
 * quorum 1: how it always was); {@link #judge} combines the locations with {@link QuorumRule}.
 */
public final class Detector {

    private final FlapPolicy flap;
    private final Function<String, CheckState> knownState;
    private final Function<String, Set<String>> knownNotes;
    private final Function<String, Instant> knownSince;
    private final Map<String, CheckStateMachine> machines = new HashMap<>();
    private final Map<String, Quorum> quorums = new HashMap<>();

    /** How a check is judged across locations. */
    public record QuorumPolicy(List<String> locations, int quorum, int floor, int staleIntervals) {
    }

    /**
     * What one result changed, in quorum mode.
     *
     * @param location     the location's own transition, if any (for logs and metrics; not published)
     * @param changed      the check's new level, when it changed (published under the check id)
     * @param notesRaised  locations now seeing the check failing below the quorum ("unreachable from X")
     * @param notesCleared locations no longer noted (reachable again, or now part of a quorum)
     * @param at           the time of the judgement: the newest result of the check from any location. Results
     *                     arrive in the order probes finish, not in the order they started, so a slow result can
     *                     tip the verdict with a start time older than the last change's; consumers treat a signal
     *                     older than its source's state as stale (status), so signals carry this time instead
     */
    public record Judgement(Optional<Transition> location, Optional<QuorumRule.Level> changed,
                            List<String> notesRaised, List<String> notesCleared, QuorumRule.Verdict verdict,
                            Instant at) {
        public boolean isEmpty() {
            return changed.isEmpty() && notesRaised.isEmpty() && notesCleared.isEmpty();
        }
    }

    /** Per check in quorum mode: when each location last reported, what was published. */
    private static final class Quorum {
        final Map<String, Instant> seen = new HashMap<>();
        QuorumRule.Level published;
        Set<String> notes = new TreeSet<>();
        /** No signal of the check is stamped earlier: when the status view's state of it began (at seeding). */
        Instant floor;
    }

    /** @param knownState the last published state of a source key ({@code check@location}), UNKNOWN if none */
    public Detector(FlapPolicy flap, Function<String, CheckState> knownState) {
        this(flap, knownState, checkId -> Set.of());
    }

    /**
     * @param knownState the last published state of a source key ({@code check@location}, or a check id in quorum
     *                   mode), UNKNOWN if none
     * @param knownNotes the locations the status view has an "unreachable from" note of, per check id
     */
    public Detector(FlapPolicy flap, Function<String, CheckState> knownState,
                    Function<String, Set<String>> knownNotes) {
        this(flap, knownState, knownNotes, checkId -> null);
    }

    /**
     * @param knownSince when the status view's state of a check's sources began, per check id (null if unknown):
     *                   after a restart the check's signals are stamped no earlier
     */
    public Detector(FlapPolicy flap, Function<String, CheckState> knownState,
                    Function<String, Set<String>> knownNotes, Function<String, Instant> knownSince) {
        this.flap = flap;
        this.knownState = knownState;
        this.knownNotes = knownNotes;
        this.knownSince = knownSince;
    }

    public static String sourceKey(String checkId, String location) {
        return checkId + "@" + location;
    }

    public Optional<Transition> accept(Check check, ProbeResult r) {
        String key = sourceKey(r.checkId(), r.location());
        CheckStateMachine m = machines.computeIfAbsent(key, k -> new CheckStateMachine(k, check.failuresToDown(),
                check.successesToRecover(), flap, knownState.apply(k)));
        return m.accept(r.ok(), r.at(), r.detail());
    }

    /**
     * Takes one result in quorum mode: the location's machine decides as usual, then the locations together.
     * When a check is first seen, the configured locations (and those with a note) start from what was published,
     * as if they had just reported, so a restart neither flips the check nor waits for silent locations forever.
     */
    public Judgement judge(Check check, ProbeResult r, QuorumPolicy p) {
        Quorum q = quorums.computeIfAbsent(r.checkId(), id -> seed(check, r, p));
        CheckStateMachine m = machines.computeIfAbsent(sourceKey(r.checkId(), r.location()),
                k -> new CheckStateMachine(k, check.failuresToDown(), check.successesToRecover(), flap,
                        CheckState.UNKNOWN));
        Optional<Transition> t = m.accept(r.ok(), r.at(), r.detail());
        q.seen.merge(r.location(), r.at(), (x, y) -> x.isAfter(y) ? x : y);

        // "Now" is the newest result of this check: deterministic, so a redelivered batch decides the same.
        Instant now = q.seen.values().stream().max(Instant::compareTo).orElse(r.at());
        Map<String, QuorumRule.Seen> latest = new HashMap<>();
        q.seen.forEach((loc, at) -> latest.put(loc, new QuorumRule.Seen(
                machines.get(sourceKey(r.checkId(), loc)).state(), at)));
        Duration staleAfter = check.interval().multipliedBy(Math.max(1, p.staleIntervals()));
        QuorumRule.Verdict v = QuorumRule.decide(p.locations(), latest, p.quorum(), p.floor(), staleAfter, now);

        Optional<QuorumRule.Level> changed = Optional.empty();
        if (v.level() != QuorumRule.Level.UNKNOWN && v.level() != q.published) {
            q.published = v.level();
            changed = Optional.of(v.level());
        }
        // Below the quorum the failing locations are noted; at the quorum the check's own state says it all.
        Set<String> desired = v.level() == QuorumRule.Level.UNKNOWN ? new TreeSet<>(q.notes)
                : v.level() == QuorumRule.Level.UP ? new TreeSet<>(v.failing()) : new TreeSet<>();
        List<String> raised = desired.stream().filter(l -> !q.notes.contains(l)).toList();
        List<String> cleared = q.notes.stream().filter(l -> !desired.contains(l)).toList();
        q.notes = desired;
        return new Judgement(t, changed, raised, cleared, v, q.floor != null && q.floor.isAfter(now) ? q.floor : now);
    }

    private Quorum seed(Check check, ProbeResult r, QuorumPolicy p) {
        Quorum q = new Quorum();
        CheckState known = knownState.apply(r.checkId());
        q.published = switch (known) {
            case UP -> QuorumRule.Level.UP;
            case DOWN -> QuorumRule.Level.DOWN;
            case FLAPPING -> QuorumRule.Level.DEGRADED;
            case UNKNOWN -> QuorumRule.Level.UNKNOWN;
        };
        q.notes = new TreeSet<>(knownNotes.apply(r.checkId()));
        q.floor = knownSince.apply(r.checkId());
        Set<String> seeded = new LinkedHashSet<>(p.locations());
        seeded.addAll(q.notes);
        for (String loc : seeded) {
            CheckState initial = q.notes.contains(loc) ? CheckState.DOWN : known;
            machines.put(sourceKey(r.checkId(), loc), new CheckStateMachine(sourceKey(r.checkId(), loc),
                    check.failuresToDown(), check.successesToRecover(), flap, initial));
            q.seen.put(loc, r.at());
        }
        return q;
    }

    /** Forgets a check, e.g. when it left the catalog or its thresholds changed. */
    public void forget(String checkId) {
        machines.keySet().removeIf(k -> k.startsWith(checkId + "@"));
        quorums.remove(checkId);
    }

    public int size() {
        return machines.size();
    }
}
