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
        UptimeBlocks b = UptimeBlocks.of(components(3, 1.0), UptimeBlocks.NONE, renderer, 0, pause);

        assertEquals(3 * Lang.values().length, b.rendered());
        assertEquals(3 * Lang.values().length, renders.size());
        assertArrayEquals("nb:1.0".getBytes(StandardCharsets.UTF_8), b.html(Lang.NB).get("c0"));
        assertArrayEquals("en:1.0".getBytes(StandardCharsets.UTF_8), b.html(Lang.EN).get("c2"));
        assertTrue(pauses.isEmpty(), "no rest asked for");
    }

    @Test
    void unchangedBarsKeepTheirBlockSoTheirRowsAreNotRenderedAgain() throws Exception {
        UptimeBlocks first = UptimeBlocks.of(components(3, 1.0), UptimeBlocks.NONE, renderer, 0, pause);
        Map<String, Uptime.Bars> next = components(3, 1.0); // equal, not the same objects
        next.put("c1", bars(0.5));
        renders.clear();

        UptimeBlocks second = UptimeBlocks.of(next, first, renderer, 0, pause);

        assertEquals(Lang.values().length, second.rendered());
        assertEquals(List.of("nb:0.5", "en:0.5"), renders);
        for (Lang l : Lang.values()) {
            assertSame(first.html(l).get("c0"), second.html(l).get("c0"), "taken over, bytes and all");
            assertSame(first.html(l).get("c2"), second.html(l).get("c2"));
            assertNotSame(first.html(l).get("c1"), second.html(l).get("c1"));
        }
        assertArrayEquals("en:0.5".getBytes(StandardCharsets.UTF_8), second.html(Lang.EN).get("c1"));
        assertEquals(next, second.bars());
    }

    @Test
    void componentsNoLongerShownDropOutAndNewOnesAreRendered() throws Exception {
        UptimeBlocks first = UptimeBlocks.of(components(2, 1.0), UptimeBlocks.NONE, renderer, 0, pause);
        Map<String, Uptime.Bars> next = new HashMap<>(Map.of("c1", bars(1.0), "new", bars(1.0)));

        UptimeBlocks second = UptimeBlocks.of(next, first, renderer, 0, pause);

        assertFalse(second.html(Lang.NB).containsKey("c0"));
        assertSame(first.html(Lang.NB).get("c1"), second.html(Lang.NB).get("c1"));
        assertArrayEquals("nb:1.0".getBytes(StandardCharsets.UTF_8), second.html(Lang.NB).get("new"));
        assertEquals(Lang.values().length, second.rendered());
    }

    @Test
    void restsAfterEverySliceOfRenderedBlocksOnly() throws Exception {
        int n = 60; // 120 renders in two languages: four full slices of 25
        UptimeBlocks first = UptimeBlocks.of(components(n, 1.0), UptimeBlocks.NONE, renderer, 2, pause);
        assertEquals(2 * n / UptimeBlocks.SLICE, pauses.size());
        assertTrue(pauses.stream().allMatch(p -> p >= 0));

        pauses.clear();
        UptimeBlocks.of(components(n, 1.0), first, renderer, 2, pause);
        assertTrue(pauses.isEmpty(), "nothing rendered, nothing to rest from");
    }

    @Test
    void restIsAMultipleOfTheSlicesRenderingTime() throws Exception {
        UptimeBlocks.Renderer slow = (bars, lang) -> {
            long until = System.nanoTime() + 200_000; // 0.2 ms of work per block
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            return new byte[0];
        };
        UptimeBlocks.of(components(UptimeBlocks.SLICE, 1.0), UptimeBlocks.NONE, slow, 3, pause);
        assertEquals(2, pauses.size());
        for (long p : pauses) {
            assertTrue(p >= 3L * UptimeBlocks.SLICE * 200_000, "rest " + p + " ns is at least three times the slice");
        }
    }

    @Test
    void anInterruptedRestStopsTheRefresh() {
        UptimeBlocks.Pause interrupted = nanos -> {
            throw new InterruptedException("shutting down");
        };
        assertThrows(InterruptedException.class,
                () -> UptimeBlocks.of(components(30, 1.0), UptimeBlocks.NONE, renderer, 2, interrupted));
    }
}
