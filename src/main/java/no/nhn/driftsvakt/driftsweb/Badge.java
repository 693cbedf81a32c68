package no.nhn.driftsvakt.driftsweb;

import no.nhn.driftsvakt.status.ComponentStatus;
import no.nhn.driftsvakt.status.StatusBoard;

/** A small SVG status badge (shields style): the component's name, and its status as symbol and text. */
public final class Badge {

    private Badge() {
    }

    public static String svg(StatusBoard.ComponentView c) {
        ComponentStatus st = c.known() ? c.effective() : null;
        String right = st == null ? "? Ukjent" : st.symbol() + " " + st.nb();
        String colour = st == null ? "#4d4d4d" : switch (st) {
            case OPERATIONAL -> "#0b6b2f";
            case UNDER_MAINTENANCE -> "#1d4f91";
            case DEGRADED_PERFORMANCE -> "#7a4d00";
            case PARTIAL_OUTAGE, MAJOR_OUTAGE -> "#a1120f";
        };
        int lw = 10 + 7 * c.name().length();
        int rw = 10 + 7 * right.length();
        String label = AtomFeed.x(c.name());
        String value = AtomFeed.x(right);
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + (lw + rw) + "\" height=\"20\" role=\"img\" "
                + "aria-label=\"" + label + ": " + value + "\"><title>" + label + ": " + value + "</title>"
                + "<rect width=\"" + lw + "\" height=\"20\" fill=\"#003c50\"/>"
                + "<rect x=\"" + lw + "\" width=\"" + rw + "\" height=\"20\" fill=\"" + colour + "\"/>"
                + "<g fill=\"#fff\" font-family=\"Verdana,DejaVu Sans,sans-serif\" font-size=\"11\">"
                + "<text x=\"5\" y=\"14\">" + label + "</text>"
                + "<text x=\"" + (lw + 5) + "\" y=\"14\">" + value + "</text></g></svg>";
    }
}
