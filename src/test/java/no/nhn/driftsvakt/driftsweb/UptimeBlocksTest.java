package no.nhn.driftsvakt.driftsweb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import no.nhn.driftsvakt.status.ComponentStatus;

class UptimeBlocksTest {

    private final List<String> renders = new ArrayList<>();
    private final List<Long> pauses = new ArrayList<>();

    private final UptimeBlocks.Renderer renderer = (bars, lang) -> {
        String html = lang.code() + ":" + bars.overall();
        renders.add(html);
        return html.getBytes(StandardCharsets.UTF_8);
    };
    private final UptimeBlocks.Pause pause = pauses::add;

    private static Uptime.Bars bars(double availability) {
        return new Uptime.Bars(List.of(new Uptime.Day(LocalDate.of(2026, 11, 28), availability,
                ComponentStatus.OPERATIONAL, 0)), availability);
    }

    private static Map<String, Uptime.Bars> components(int n, double availability) {
        Map<String, Uptime.Bars> m = new HashMap<>();
        for (int i = 0; i < n; i++) {
            m.put("c" + i, bars(availability));
        }
        return m;
    }

    @Test
    void firstRefreshRendersEveryBlockInEveryLanguage() throws Exception {
        UptimeBlocks b = UptimeBlocks.of(components(30, 1.0), UptimeBlocks.NONE, renderer, 0, pause, System::nanoTime);

        assertEquals(30 * Lang.values().length, b.rendered());
        assertEquals(30 * Lang.values().length, renders.size());
        assertArrayEquals("nb:1.0".getBytes(StandardCharsets.UTF_8), b.html(Lang.NB).get("c0"));
        assertArrayEquals("en:1.0".getBytes(StandardCharsets.UTF_8), b.html(Lang.EN).get("c2"));
        assertTrue(pauses.isEmpty(), "no rest asked for");
    }

    @Test
    void unchangedBarsKeepTheirBlockSoTheirRowsAreNotRenderedAgain() throws Exception {
        UptimeBlocks first = UptimeBlocks.of(components(3, 1.0), UptimeBlocks.NONE, renderer, 0, pause,
                System::nanoTime);
        Map<String, Uptime.Bars> next = components(3, 1.0); // equal, not the same objects
        next.put("c1", bars(0.5));
        renders.clear();

        UptimeBlocks second = UptimeBlocks.of(next, first, renderer, 0, pause, System::nanoTime);

        assertEquals(Lang.values().length, second.rendered());
        assertEquals(List.of("nb:0.5", "en:0.5"), renders);
        for (Lang l : Lang.values()) {
            assertSame(first.html(l).get("c0"), second.html(l).get("c0"), "taken over, bytes and all");
            assertSame(first.html(l).get("c2"), second.html(l).get("c2"));
            assertNotSame(first.html(l).get("c1"), second.html(l).get("c1"));
        }
        assertArrayEquals("en:0.5".getBytes(StandardCharsets.UTF_8), second.html(Lang.EN).get("c1"));
        assertEquals(next.keySet(), second.html(Lang.EN).keySet());
    }

    @Test
    void componentsNoLongerShownDropOutAndNewOnesAreRendered() throws Exception {
        UptimeBlocks first = UptimeBlocks.of(components(2, 1.0), UptimeBlocks.NONE, renderer, 0, pause,
                System::nanoTime);
        Map<String, Uptime.Bars> next = new HashMap<>(Map.of("c1", bars(1.0), "new", bars(1.0)));

        UptimeBlocks second = UptimeBlocks.of(next, first, renderer, 0, pause, System::nanoTime);

        assertFalse(second.html(Lang.NB).containsKey("c0"));
        assertSame(first.html(Lang.NB).get("c1"), second.html(Lang.NB).get("c1"));
        assertArrayEquals("nb:1.0".getBytes(StandardCharsets.UTF_8), second.html(Lang.NB).get("new"));
        assertEquals(Lang.values().length, second.rendered());
    }

    @Test
    void restsAfterEverySliceOfRenderedBlocksOnly() throws Exception {
        int n = 60; // 120 renders in two languages: four full slices of 25
        UptimeBlocks first = UptimeBlocks.of(components(n, 1.0), UptimeBlocks.NONE, renderer, 2, pause,
                System::nanoTime);
        assertEquals(2 * n / UptimeBlocks.SLICE, pauses.size());

        pauses.clear();
        UptimeBlocks.of(components(n, 1.0), first, renderer, 2, pause, System::nanoTime);
        assertTrue(pauses.isEmpty(), "nothing rendered, nothing to rest from");
    }

    @Test
    void restIsAMultipleOfTheTimeItsOwnSliceTook() throws Exception {
        long[] clock = {0};
        int[] calls = {0};
        UptimeBlocks.Renderer slow = (bars, lang) -> {
            clock[0] += ++calls[0] <= UptimeBlocks.SLICE ? 1_000 : 3_000; // first slice 1 µs a block, then 3 µs
            return new byte[0];
        };
        UptimeBlocks.of(components(UptimeBlocks.SLICE, 1.0), UptimeBlocks.NONE, slow, 2, nanos -> {
            pauses.add(nanos);
            clock[0] += nanos;
        }, () -> clock[0]);
        assertEquals(List.of(2L * UptimeBlocks.SLICE * 1_000, 2L * UptimeBlocks.SLICE * 3_000), pauses,
                "each rest counts its own slice only, not the rests or the slices before it");
    }

    @Test
    void aBlockPrintingTheSameIsKeptThoughItsFiguresMoved() throws Exception {
        Map<String, Uptime.Bars> before = Map.of("c", bars(0.999_001));
        UptimeBlocks first = UptimeBlocks.of(before, UptimeBlocks.NONE, renderer, 0, pause, System::nanoTime);
        renders.clear();

        UptimeBlocks second = UptimeBlocks.of(Map.of("c", bars(0.999_002)), first, renderer, 0, pause,
                System::nanoTime);

        assertTrue(renders.isEmpty(), "99.90 % either way");
        assertSame(first, second, "nothing printed differently: the page need not be rendered again");
    }

    @Test
    void aComponentWithAnOutageInThePeriodKeepsItsBlockFromOneRefreshToTheNext() throws Exception {
        java.time.ZoneId oslo = java.time.ZoneId.of("Europe/Oslo");
        List<no.nhn.driftsvakt.status.StatusChangeRepository.StatusChange> history = List.of(
                change(ComponentStatus.OPERATIONAL, "2026-10-01T00:00:00Z"),
                change(ComponentStatus.MAJOR_OUTAGE, "2026-11-20T10:00:00Z"),
                change(ComponentStatus.OPERATIONAL, "2026-11-20T10:47:00Z"));
        java.time.Instant now = java.time.Instant.parse("2026-11-28T12:00:00Z");
        Uptime.Bars before = Uptime.bars(history, now, oslo, 90);
        Uptime.Bars after = Uptime.bars(history, now.plusSeconds(300), oslo, 90);
        assertFalse(before.equals(after), "the figures moved with the clock");

        UptimeBlocks first = UptimeBlocks.of(Map.of("c", before), UptimeBlocks.NONE, renderer, 0, pause,
                System::nanoTime);
        UptimeBlocks second = UptimeBlocks.of(Map.of("c", after), first, renderer, 0, pause, System::nanoTime);

        assertSame(first, second, "what is printed did not");
        assertTrue(UptimeBlocks.printsSame(before, after));
        assertFalse(UptimeBlocks.printsSame(before, Uptime.bars(history.subList(0, 2), now, oslo, 90)),
                "an outage still running prints differently");
    }

    private static no.nhn.driftsvakt.status.StatusChangeRepository.StatusChange change(ComponentStatus to,
                                                                                      String at) {
        return new no.nhn.driftsvakt.status.StatusChangeRepository.StatusChange("c", null, to, null, at,
                java.time.Instant.parse(at));
    }

    @Test
    void aChangeInTheOverallFigureAloneOrInOneDayAloneRendersTheBlock() throws Exception {
        LocalDate day = LocalDate.of(2026, 11, 28);
        Uptime.Bars base = new Uptime.Bars(List.of(new Uptime.Day(day, 1.0, ComponentStatus.OPERATIONAL, 0)), 0.99);
        Uptime.Bars overallOnly = new Uptime.Bars(base.days(), 0.98);
        Uptime.Bars dayOnly = new Uptime.Bars(List.of(new Uptime.Day(day, 0.5, ComponentStatus.MAJOR_OUTAGE, 720)),
                0.99);
        Uptime.Bars figure = new Uptime.Bars(List.of(new Uptime.Day(day, 0.995, ComponentStatus.OPERATIONAL, 7)),
                0.99);
        Uptime.Bars figureOnly = new Uptime.Bars(List.of(new Uptime.Day(day, 0.993, ComponentStatus.OPERATIONAL, 10)),
                0.99); // the same class ("minor"), another figure in the label
        UptimeBlocks first = UptimeBlocks.of(Map.of("a", base, "b", base, "c", figure), UptimeBlocks.NONE, renderer,
                0, pause, System::nanoTime);

        UptimeBlocks second = UptimeBlocks.of(Map.of("a", overallOnly, "b", dayOnly, "c", figureOnly), first, renderer,
                0, pause, System::nanoTime);

        assertEquals(3 * Lang.values().length, second.rendered());
        assertEquals(first.sequence() + 1, second.sequence());
        assertNotSame(first.html(Lang.NB).get("a"), second.html(Lang.NB).get("a"));
        assertNotSame(first.html(Lang.NB).get("b"), second.html(Lang.NB).get("b"));
    }

    @Test
    void anInterruptedRestStopsTheRefresh() {
        UptimeBlocks.Pause interrupted = nanos -> {
            throw new InterruptedException("shutting down");
        };
        assertThrows(InterruptedException.class,
                () -> UptimeBlocks.of(components(30, 1.0), UptimeBlocks.NONE, renderer, 2, interrupted,
                        System::nanoTime));
    }
}
