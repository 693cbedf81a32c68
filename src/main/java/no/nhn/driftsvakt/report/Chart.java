package no.nhn.driftsvakt.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A horizontal bar chart laid out for a server-rendered inline SVG (no script, no style attributes: the bars'
 * colours come from CSS classes). Each bar may be split into parts (stacked). Pure.
 *
 * @param id     an id for the SVG's title (aria-labelledby)
 * @param height the SVG's height in user units (its width is {@link #WIDTH})
 */
public record Chart(String id, String title, int height, List<Bar> bars) {

    public static final int WIDTH = 640;
    static final int LABEL_WIDTH = 200;
    static final int BAR_SPACE = 360;
    static final int ROW = 24;
    static final int BAR_HEIGHT = 16;
    static final int MAX_LABEL = 28;

    public Chart {
        bars = List.copyOf(bars);
    }

    /** One value to draw: a label, the figure written after the bar, and the bar's parts. */
    public record Item(String label, String value, List<Part> parts) {
        public Item {
            parts = List.copyOf(parts);
        }

        /** A bar of one part. */
        public static Item of(String label, long amount, String css) {
            return new Item(label, Long.toString(amount), List.of(new Part(amount, css)));
        }
    }

    /** A part of a bar: its amount and its CSS class. */
    public record Part(long amount, String css) {
    }

    /** A laid-out bar: label at (0, textY), segments from x = LABEL_WIDTH, the figure at (valueX, textY). */
    public record Bar(String label, String fullLabel, String value, int y, int textY, int valueX,
                      List<Segment> segments) {
    }

    /** A rectangle of one part. */
    public record Segment(int x, int width, String css) {
    }

    public int width() {
        return WIDTH;
    }

    public int barHeight() {
        return BAR_HEIGHT;
    }

    public boolean isEmpty() {
        return bars.isEmpty();
    }

    /** Lays the items out, the longest bar {@link #BAR_SPACE} wide; a non-zero part is at least 1 unit wide. */
    public static Chart of(String id, String title, List<Item> items) {
        long max = items.stream().mapToLong(i -> i.parts().stream().mapToLong(Part::amount).sum()).max().orElse(0);
        List<Bar> bars = new ArrayList<>();
        int row = 0;
        for (Item item : items) {
            int y = 4 + row * ROW;
            int x = LABEL_WIDTH;
            List<Segment> segments = new ArrayList<>();
            for (Part p : item.parts()) {
                if (p.amount() <= 0 || max == 0) {
                    continue;
                }
                int w = (int) Math.max(1, Math.round(p.amount() * (double) BAR_SPACE / max));
                segments.add(new Segment(x, w, p.css()));
                x += w;
            }
            String label = item.label().length() > MAX_LABEL ? item.label().substring(0, MAX_LABEL - 1) + "…"
                    : item.label();
            bars.add(new Bar(label, item.label(), item.value(), y, y + BAR_HEIGHT - 3, x + 6, segments));
            row++;
        }
        return new Chart(id, title, 8 + row * ROW, bars);
    }
}
