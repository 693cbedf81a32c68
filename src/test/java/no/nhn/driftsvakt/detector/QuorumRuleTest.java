package no.nhn.driftsvakt.detector;

import static no.nhn.driftsvakt.detector.CheckState.DOWN;
import static no.nhn.driftsvakt.detector.CheckState.FLAPPING;
import static no.nhn.driftsvakt.detector.CheckState.UNKNOWN;
import static no.nhn.driftsvakt.detector.CheckState.UP;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import no.nhn.driftsvakt.detector.QuorumRule.Level;

class QuorumRuleTest {

    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    private static final Duration STALE_AFTER = Duration.ofSeconds(90); // 3 × 30 s
    private static final List<String> THREE = List.of("bergen", "oslo", "trondheim");

    /** A location's state, fresh (10 s old) or stale (5 min old). */
    private record L(String location, CheckState state, boolean fresh) {
    }

    private static L fresh(String location, CheckState s) {
        return new L(location, s, true);
    }

    private static L stale(String location, CheckState s) {
        return new L(location, s, false);
    }

    private static Arguments row(String name, List<String> expected, int quorum, int floor, List<L> seen,
                                 Level level, String failing, String silent) {
        return Arguments.of(name, expected, quorum, floor, seen, level, failing, silent);
    }

    static Stream<Arguments> table() {
        return Stream.of(
                // One location, quorum 1: what the detector always did.
                row("one location up", List.of("local"), 1, 1, List.of(fresh("local", UP)), Level.UP, "", ""),
                row("one location down", List.of("local"), 1, 1, List.of(fresh("local", DOWN)), Level.DOWN, "local", ""),
                row("one location flapping", List.of("local"), 1, 1, List.of(fresh("local", FLAPPING)),
                        Level.DEGRADED, "local", ""),
                row("nothing known yet", List.of("local"), 1, 1, List.of(fresh("local", UNKNOWN)), Level.UNKNOWN, "",
                        "local"),
                row("no result at all", THREE, 2, 1, List.of(), Level.UNKNOWN, "", "bergen,oslo,trondheim"),
                // 2 of 3.
                row("all up", THREE, 2, 1, List.of(fresh("oslo", UP), fresh("bergen", UP), fresh("trondheim", UP)),
                        Level.UP, "", ""),
                row("one of three down: unreachable from bergen", THREE, 2, 1,
                        List.of(fresh("oslo", UP), fresh("bergen", DOWN), fresh("trondheim", UP)), Level.UP, "bergen", ""),
                row("two of three down: down", THREE, 2, 1,
                        List.of(fresh("oslo", DOWN), fresh("bergen", DOWN), fresh("trondheim", UP)), Level.DOWN,
                        "bergen,oslo", ""),
                row("three of three down", THREE, 2, 1,
                        List.of(fresh("oslo", DOWN), fresh("bergen", DOWN), fresh("trondheim", DOWN)), Level.DOWN,
                        "bergen,oslo,trondheim", ""),
                row("recovery: back to one failing is up again", THREE, 2, 1,
                        List.of(fresh("oslo", UP), fresh("bergen", DOWN), fresh("trondheim", UP)), Level.UP, "bergen", ""),
                row("one down and one flapping: degraded, not down", THREE, 2, 1,
                        List.of(fresh("oslo", FLAPPING), fresh("bergen", DOWN), fresh("trondheim", UP)), Level.DEGRADED,
                        "bergen,oslo", ""),
                row("one location not yet decided does not count", THREE, 2, 1,
                        List.of(fresh("oslo", UNKNOWN), fresh("bergen", DOWN), fresh("trondheim", UP)), Level.UP,
                        "bergen", "oslo"),
                // Stale locations neither count nor block.
                row("a stale down location does not count", THREE, 2, 1,
                        List.of(stale("oslo", DOWN), fresh("bergen", DOWN), fresh("trondheim", UP)), Level.UP, "bergen",
                        "oslo"),
                row("two fresh of three: quorum 2 still needs both", THREE, 2, 1,
                        List.of(stale("oslo", UP), fresh("bergen", DOWN), fresh("trondheim", UP)), Level.UP, "bergen",
                        "oslo"),
                row("an expected location that never reported is silent", THREE, 2, 1,
                        List.of(fresh("bergen", DOWN), fresh("trondheim", DOWN)), Level.DOWN, "bergen,trondheim", "oslo"),
                row("only one location left: the quorum shrinks to it (floor 1)", THREE, 2, 1,
                        List.of(stale("oslo", UP), fresh("bergen", DOWN), stale("trondheim", UP)), Level.DOWN, "bergen",
                        "oslo,trondheim"),
                row("only one location left, floor 2: never down from one", THREE, 2, 2,
                        List.of(stale("oslo", UP), fresh("bergen", DOWN), stale("trondheim", UP)), Level.UP, "bergen",
                        "oslo,trondheim"),
                row("a floor above the quorum is capped at the quorum", List.of("local"), 1, 3,
                        List.of(fresh("local", DOWN)), Level.DOWN, "local", ""),
                // Locations not configured count while they report.
                row("an unlisted location counts while it reports", List.of("local"), 2, 1,
                        List.of(fresh("local", DOWN), fresh("bergen", UP), fresh("trondheim", UP)), Level.UP, "local", ""),
                row("an unlisted location joins the quorum", List.of("local"), 2, 1,
                        List.of(fresh("local", DOWN), fresh("bergen", DOWN), fresh("trondheim", UP)), Level.DOWN,
                        "bergen,local", ""),
                // 3 of 5.
                row("two of five down with quorum 3: unreachable", List.of("a", "b", "c", "d", "e"), 3, 1,
                        List.of(fresh("a", DOWN), fresh("b", DOWN), fresh("c", UP), fresh("d", UP), fresh("e", UP)),
                        Level.UP, "a,b", ""),
                row("three of five down with quorum 3: down", List.of("a", "b", "c", "d", "e"), 3, 1,
                        List.of(fresh("a", DOWN), fresh("b", DOWN), fresh("c", DOWN), fresh("d", UP), fresh("e", UP)),
                        Level.DOWN, "a,b,c", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void decides(String name, List<String> expected, int quorum, int floor, List<L> seen, Level level, String failing,
                 String silent) {
        Map<String, QuorumRule.Seen> latest = new HashMap<>();
        for (L l : seen) {
            latest.put(l.location(), new QuorumRule.Seen(l.state(),
                    l.fresh() ? NOW.minusSeconds(10) : NOW.minusSeconds(300)));
        }

        QuorumRule.Verdict v = QuorumRule.decide(expected, latest, quorum, floor, STALE_AFTER, NOW);

        assertEquals(level, v.level(), name);
        assertEquals(list(failing), v.failing(), name + ": failing");
        assertEquals(list(silent), v.silent(), name + ": silent");
        assertEquals(level == Level.UP && !failing.isEmpty(), v.belowQuorum(), name + ": below quorum");
    }

    private static List<String> list(String csv) {
        return csv.isEmpty() ? List.of() : Arrays.asList(csv.split(","));
    }

    @org.junit.jupiter.api.Test
    void locationNamesReadAsPeopleWriteThem() {
        assertEquals("Utilgjengelig fra Bergen / Unreachable from Bergen", QuorumSignals.unreachableFrom(List.of("bergen")));
        assertEquals("Utilgjengelig fra Bergen, Oslo og Trondheim / Unreachable from Bergen, Oslo and Trondheim",
                QuorumSignals.unreachableFrom(List.of("bergen", "oslo", "trondheim")));
    }
}
