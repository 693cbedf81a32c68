/**
 * Monthly reports for the customer centre: availability per component (from the status history, the same
 * roll-up as driftsweb's uptime bars), incidents per category, service and priority, time to confirm and to
 * resolve, problems opened and closed, and messages sent by channel and outcome. {@code Reports} computes a
 * {@code MonthlyReport} from plain values (pure); {@code ReportQueries} reads them from PostgreSQL; {@code ReportCsv}
 * and {@code Chart} present it.
 */
package no.nhn.driftsvakt.report;
