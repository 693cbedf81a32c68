package no.nhn.driftsvakt.driftsweb;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Each component's uptime block (90 bars with their labels, most of the page's markup) as UTF-8 bytes per language,
 * with the bars they show. Rendered by the uptime refresh, not by the page rebuild, and gently:
 * <ul>
 * <li>a block that would print the same as the previous refresh's ({@link #printsSame}) is taken over, bytes and
 * all, so its row is not rendered again either; when no block changed, the previous blocks stay, and the page is
 * not rendered again at all;</li>
 * <li>the others are rendered in slices, resting after each slice a multiple of the time it took. Rendering 1,000
 * components' blocks in both languages took 515 ms of one thread at once (bench/pipeline, run 34), on two cores
 * shared with the pipeline: the slowest signals of runs 31 and 33 came at that five-minute mark.</li>
 * </ul>
 * Immutable. Pure but for the renderer, the pause and the clock it is given.
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

    static final UptimeBlocks NONE = new UptimeBlocks(Map.of(), Map.of(), 0, 0);

    private final Map<String, Uptime.Bars> bars;
    private final Map<Lang, Map<String, byte[]>> html;
    private final int rendered;
    private final long sequence;

    private UptimeBlocks(Map<String, Uptime.Bars> bars, Map<Lang, Map<String, byte[]>> html, int rendered,
                         long sequence) {
        this.bars = bars;
        this.html = html;
        this.rendered = rendered;
        this.sequence = sequence;
    }

    /**
     * Whether {@code templates/driftsweb/uptime.html} prints the same for both: each day's date, class, figure (two
     * decimals) and whether it is notable, and the overall figure as shown. The bars themselves differ at every
     * refresh for any component with an outage in the period (today's share and the overall figure move with the
     * clock), while what is printed rarely does. A figure is formatted only when its value differs.
     */
    static boolean printsSame(Uptime.Bars a, Uptime.Bars b) {
        if (a == null || b == null || a.days().size() != b.days().size()) {
            return false;
        }
        if (!Objects.equals(a.overall(), b.overall()) && !a.overallPercent().equals(b.overallPercent())) {
            return false;
        }
        for (int i = 0; i < a.days().size(); i++) {
            Uptime.Day x = a.days().get(i);
            Uptime.Day y = b.days().get(i);
            if (!x.date().equals(y.date()) || !x.css().equals(y.css()) || x.notable() != y.notable()
                    || !Objects.equals(x.availability(), y.availability()) && !x.percent().equals(y.percent())) {
                return false;
            }
        }
        return true;
    }

    /**
     * The blocks for these bars.
     *
     * @param previous the last blocks: those that print the same are taken over
     * @param rest     after every {@link #SLICE} components rendered, rest this many times as long as they took (0: no
     *                 rest, e.g. at start-up, when nothing waits for the CPU yet)
     * @param nanoTime a monotonic clock in nanoseconds ({@code System::nanoTime})
     * @return {@code previous} itself when every block prints the same and no component came or went
     */
    static UptimeBlocks of(Map<String, Uptime.Bars> bars, UptimeBlocks previous, Renderer renderer, int rest,
                           Pause pause, LongSupplier nanoTime) throws InterruptedException {
        Set<String> same = new HashSet<>(); // compared once, for every language
        bars.forEach((id, b) -> {
            if (printsSame(b, previous.bars.get(id))) {
                same.add(id);
            }
        });
        Map<Lang, Map<String, byte[]>> html = new EnumMap<>(Lang.class);
        int rendered = 0;
        int inSlice = 0;
        long sliceStarted = nanoTime.getAsLong();
        for (Lang lang : Lang.values()) {
            Map<String, byte[]> before = previous.html.getOrDefault(lang, Map.of());
            Map<String, byte[]> m = new HashMap<>();
            for (Map.Entry<String, Uptime.Bars> e : bars.entrySet()) {
                byte[] kept = same.contains(e.getKey()) ? before.get(e.getKey()) : null;
                if (kept != null) {
                    m.put(e.getKey(), kept);
                    continue;
                }
                m.put(e.getKey(), renderer.render(e.getValue(), lang));
                rendered++;
                if (++inSlice == SLICE && rest > 0) {
                    pause.pause((nanoTime.getAsLong() - sliceStarted) * rest);
                    inSlice = 0;
                    sliceStarted = nanoTime.getAsLong();
                }
            }
            html.put(lang, Map.copyOf(m));
        }
        if (rendered == 0 && bars.keySet().equals(previous.bars.keySet())) {
            return previous;
        }
        return new UptimeBlocks(Map.copyOf(bars), html, rendered, previous.sequence + 1);
    }

    /** Component id → its block in this language. */
    Map<String, byte[]> html(Lang lang) {
        return html.getOrDefault(lang, Map.of());
    }

    /** How many blocks were rendered, not taken over, over all languages. */
    int rendered() {
        return rendered;
    }

    /**
     * Rises with every refresh that rendered a block or added or dropped a component: the page must then be rendered
     * again.
     */
    long sequence() {
        return sequence;
    }
}
