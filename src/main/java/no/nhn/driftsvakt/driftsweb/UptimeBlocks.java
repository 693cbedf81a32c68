package no.nhn.driftsvakt.driftsweb;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * Each component's uptime block (90 bars with their labels, most of the page's markup) as UTF-8 bytes per language,
 * with the bars they show. Rendered by the uptime refresh, not by the page rebuild, and gently:
 * <ul>
 * <li>a block whose bars are equal to the previous refresh's is taken over, bytes and all, so its row is not rendered
 * again either (most components, most of the time);</li>
 * <li>the others are rendered in slices, resting after each slice a multiple of the time it took. Rendering 1,000
 * components' blocks in both languages takes half a second of a core; at once, it held every signal of that second
 * back by tens of milliseconds on two cores (bench/pipeline, run 33).</li>
 * </ul>
 * Immutable. Pure but for the renderer and the pause it is given.
 */
final class UptimeBlocks {

    /** Renders one component's block. */
    interface Renderer {
        byte[] render(Uptime.Bars bars, Lang lang);
    }

    /** Rests for this many nanoseconds (Thread.sleep in the service). */
    interface Pause {
        void pause(long nanos) throws InterruptedException;
    }

    /** Components rendered between two rests. */
    static final int SLICE = 25;

    static final UptimeBlocks NONE = new UptimeBlocks(Map.of(), Map.of(), 0);

    private final Map<String, Uptime.Bars> bars;
    private final Map<Lang, Map<String, byte[]>> html;
    private final int rendered;

    private UptimeBlocks(Map<String, Uptime.Bars> bars, Map<Lang, Map<String, byte[]>> html, int rendered) {
        this.bars = bars;
        this.html = html;
        this.rendered = rendered;
    }

    /**
     * The blocks for these bars.
     *
     * @param previous the last blocks: those with equal bars are taken over
     * @param rest     after every {@link #SLICE} components rendered, rest this many times as long as they took (0: no
     *                 rest, e.g. at start-up, when nothing waits for the CPU yet)
     */
    static UptimeBlocks of(Map<String, Uptime.Bars> bars, UptimeBlocks previous, Renderer renderer, int rest,
                           Pause pause) throws InterruptedException {
        Map<Lang, Map<String, byte[]>> html = new EnumMap<>(Lang.class);
        int rendered = 0;
        int inSlice = 0;
        long sliceStarted = System.nanoTime();
        for (Lang lang : Lang.values()) {
            Map<String, byte[]> before = previous.html.getOrDefault(lang, Map.of());
            Map<String, byte[]> m = new HashMap<>();
            for (Map.Entry<String, Uptime.Bars> e : bars.entrySet()) {
                byte[] same = before.get(e.getKey());
                if (same != null && e.getValue().equals(previous.bars.get(e.getKey()))) {
                    m.put(e.getKey(), same);
                    continue;
                }
                m.put(e.getKey(), renderer.render(e.getValue(), lang));
                rendered++;
                if (++inSlice == SLICE && rest > 0) {
                    pause.pause((System.nanoTime() - sliceStarted) * rest);
                    inSlice = 0;
                    sliceStarted = System.nanoTime();
                }
            }
            html.put(lang, Map.copyOf(m));
        }
        return new UptimeBlocks(Map.copyOf(bars), html, rendered);
    }

    /** The bars shown (the same object for as long as these blocks are current). */
    Map<String, Uptime.Bars> bars() {
        return bars;
    }

    /** Component id → its block in this language. */
    Map<String, byte[]> html(Lang lang) {
        return html.getOrDefault(lang, Map.of());
    }

    /** How many blocks were rendered, not taken over, over all languages. */
    int rendered() {
        return rendered;
    }
}
