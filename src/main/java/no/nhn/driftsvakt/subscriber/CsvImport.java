package no.nhn.driftsvakt.subscriber;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import no.nhn.driftsvakt.platform.FieldError;

/**
 * Reads a customer group's contacts from CSV (comma or semicolon separated, as spreadsheets export it; quoted
 * fields; a header row) and checks every row, so one upload gives one report: which rows became contacts and
 * what is wrong with each of the others, by row number and column. Pure.
 *
 * <p>Columns: {@code name, organisation, phone, email, language, window, components} (components separated by
 * spaces or '|'; empty = everything the group uses). Only {@code phone} or {@code email} is required.
 */
public final class CsvImport {

    static final Set<String> COLUMNS = Set.of("name", "organisation", "phone", "email", "language", "window",
            "components");
    public static final int MAX_ROWS = 10_000;

    /** A valid row, with its row number in the file (the header is row 1). */
    public record Row(int row, Contact contact) {
    }

    public record Result(List<Row> contacts, List<FieldError> errors) {
    }

    private CsvImport() {
    }

    public static Result read(String csv, String group, ContactValidator validator) {
        List<List<String>> lines = parse(csv);
        List<FieldError> errors = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        if (lines.isEmpty()) {
            errors.add(new FieldError(400, "row 1", "the file is empty; the first row names the columns: " + COLUMNS));
            return new Result(rows, errors);
        }
        List<String> header = lines.get(0).stream().map(h -> h.strip().toLowerCase(java.util.Locale.ROOT)).toList();
        for (String h : header) {
            if (!COLUMNS.contains(h)) {
                errors.add(new FieldError(400, "row 1", "unknown column '" + h + "'; known columns: " + COLUMNS));
            }
        }
        if (!header.contains("phone") && !header.contains("email")) {
            errors.add(new FieldError(400, "row 1", "a 'phone' or an 'email' column is needed"));
        }
        if (lines.size() - 1 > MAX_ROWS) {
            errors.add(new FieldError(400, "row 1", "more than " + MAX_ROWS + " rows; split the file"));
        }
        if (!errors.isEmpty()) {
            return new Result(rows, errors);
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            List<String> cells = lines.get(i);
            int rowNo = i + 1;
            if (cells.stream().allMatch(String::isBlank)) {
                continue;
            }
            String prefix = "row " + rowNo + ": ";
            if (cells.size() != header.size()) {
                errors.add(new FieldError(400, "row " + rowNo, cells.size() + " cells where the header has "
                        + header.size()));
                continue;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                fields.put(header.get(c), cells.get(c));
            }
            String comps = fields.getOrDefault("components", "");
            List<String> components = comps.isBlank() ? List.of()
                    : Arrays.stream(comps.strip().split("[\\s|]+")).toList();
            ContactValidator.Outcome o = validator.validate(fields, List.of(group), components, prefix);
            if (!o.ok()) {
                errors.addAll(o.errors());
                continue;
            }
            Integer dup = duplicate(seen, o.contact(), rowNo);
            if (dup != null) {
                errors.add(new FieldError(409, prefix + "phone/email", "the same contact as row " + dup));
                continue;
            }
            rows.add(new Row(rowNo, o.contact()));
        }
        return new Result(rows, errors);
    }

    private static Integer duplicate(Map<String, Integer> seen, Contact c, int row) {
        for (String key : new String[] {c.phone(), c.email()}) {
            if (key != null && seen.containsKey(key)) {
                return seen.get(key);
            }
        }
        if (c.phone() != null) {
            seen.put(c.phone(), row);
        }
        if (c.email() != null) {
            seen.put(c.email(), row);
        }
        return null;
    }

    /** RFC 4180 with the separator taken from the header row (';' if it has more of those than ','). */
    static List<List<String>> parse(String csv) {
        String text = csv.startsWith("\uFEFF") ? csv.substring(1) : csv;
        String first = text.lines().findFirst().orElse("");
        char sep = first.chars().filter(c -> c == ';').count() > first.chars().filter(c -> c == ',').count() ? ';' : ',';
        List<List<String>> out = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"' && cell.length() == 0) {
                quoted = true;
            } else if (ch == sep) {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(cell.toString());
                cell.setLength(0);
                out.add(row);
                row = new ArrayList<>();
            } else {
                cell.append(ch);
            }
        }
        if (cell.length() > 0 || !row.isEmpty()) {
            row.add(cell.toString());
            out.add(row);
        }
        return out;
    }
}
