package no.nhn.driftsvakt.platform;

import java.util.List;

/**
 * CSV for people's spreadsheets: RFC 4180 quoting, CRLF line ends, and a leading = + - @ TAB CR prefixed with ' so a
 * spreadsheet does not run a cell as a formula. Pure.
 */
public final class Csv {

    private Csv() {
    }

    /** One cell; null is empty. */
    public static String cell(String v) {
        if (v == null) {
            return "";
        }
        String s = !v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 ? "'" + v : v;
        return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")
                ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** A header row and the rows, each value written with {@link String#valueOf} (null as empty). */
    public static String table(List<String> header, List<? extends List<?>> rows) {
        StringBuilder b = new StringBuilder();
        row(b, header);
        rows.forEach(r -> row(b, r));
        return b.toString();
    }

    private static void row(StringBuilder b, List<?> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            Object v = values.get(i);
            b.append(cell(v == null ? null : String.valueOf(v)));
        }
        b.append("\r\n");
    }
}
