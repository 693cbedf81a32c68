package no.nhn.driftsvakt.audit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import no.nhn.driftsvakt.platform.Csv;

/** The audit log as CSV (header row, CRLF, formulas neutralised), for the admin API and the console. Pure. */
public final class AuditCsv {

    /** The header row, in column order. */
    public static final List<String> HEADER = List.of("id", "at", "actor", "action", "subject", "status", "before",
            "after");

    private AuditCsv() {
    }

    public static String of(List<AuditLog.Entry> entries) {
        List<List<Object>> rows = new ArrayList<>(entries.size());
        for (AuditLog.Entry e : entries) {
            rows.add(Arrays.asList(e.id(), e.at(), e.actor(), e.action(), e.subject(), e.status(), e.before(),
                    e.after()));
        }
        return Csv.table(HEADER, rows);
    }
}
