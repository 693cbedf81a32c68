package no.nhn.driftsvakt.deploy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * For the fault suite (docs/reliability.md, deploy/cluster/fault.sh): a fault in the middle of a fan-out. Registers
 * {@code recipients} confirmed subscribers in the catalog's customer group (half by SMS, half by e-mail), opens a
 * major incident through the staff API, and when {@code at} messages have been handed over runs the fault command
 * (e.g. {@code deploy/cluster/run.sh kill-service 1}). Then waits until every ledger row of the incident is settled
 * and prints the figures: recipients, messages handed over, recipients reached, duplicates, lost, outcomes unknown.
 *
 * <p>Usage: {@code FanoutFault <replica url> <staff token> <jdbc url> <component> <recipients> <at> <fault command>}
 */
public final class FanoutFault {

    private FanoutFault() {
    }

    public static void main(String[] args) throws Exception {
        String replica = args[0];
        String token = args[1];
        String jdbc = args[2];
        String component = args[3];
        int recipients = Integer.parseInt(args[4]);
        int at = Integer.parseInt(args[5]);
        String fault = args[6];
        String run = UUID.randomUUID().toString().substring(0, 6);
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", ""); Statement s = c.createStatement()) {
            // a fresh group of recipients per run; earlier runs' subscribers are erased so they are not told again
            s.executeUpdate("UPDATE subscriber SET erased_at = now(), phone = NULL, email = NULL WHERE id LIKE 'SUB-F%' "
                    + "AND erased_at IS NULL");
            s.executeUpdate("INSERT INTO subscriber (id, phone, email, language, all_components, sms_state, email_state, "
                    + "unsubscribe_token, created_at, updated_at) SELECT 'SUB-F" + run + "-' || g, "
                    + "CASE WHEN g % 2 = 0 THEN '+479' || lpad(g::text, 7, '0') END, "
                    + "CASE WHEN g % 2 = 1 THEN 'f" + run + "-' || g || '@fault.test' END, 'nb', true, "
                    + "CASE WHEN g % 2 = 0 THEN 'confirmed' END, CASE WHEN g % 2 = 1 THEN 'confirmed' END, "
                    + "md5(random()::text || g), now(), now() FROM generate_series(1, " + recipients + ") g");
            s.executeUpdate("INSERT INTO subscriber_group SELECT id, 'alle' FROM subscriber WHERE id LIKE 'SUB-F" + run
                    + "-%'");
        }
        System.out.printf("FANOUT %s: %,d recipients registered (half SMS, half e-mail)%n", run, recipients);

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> created = open(http, replica, token, component, run);
        Matcher earlier = Pattern.compile("open incident (INC-[0-9]+)").matcher(created.body());
        if (created.statusCode() == 409 && earlier.find()) {
            // an earlier run's incident is still open (its recipients are erased): resolve it, then open ours
            http.send(HttpRequest.newBuilder(URI.create(replica + "/api/v1/incidents/" + earlier.group(1) + "/resolve"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"Feilsuite ferdig\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            created = open(http, replica, token, component, run);
        }
        Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(created.body());
        if (created.statusCode() != 201 || !id.find()) {
            throw new IllegalStateException("incident not created: " + created.statusCode() + " " + created.body());
        }
        String incident = id.group(1);
        long start = System.nanoTime();
        System.out.printf("FANOUT %s: incident %s opened on %s%n", run, incident, replica);

        String handedOver = "SELECT count(*) FROM local_outbox o JOIN notification n ON n.id = o.notification_id "
                + "WHERE n.subject_id = '" + incident + "'";
        boolean faulted = false;
        long last = -1;
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            long out = count(jdbc, handedOver);
            if (!faulted && out >= at) {
                System.out.printf("FANOUT %s: %,d handed over after %.1f s: %s%n", run, out,
                        (System.nanoTime() - start) / 1e9, fault);
                Process p = new ProcessBuilder("bash", "-c", fault).inheritIO().start();
                p.waitFor();
                faulted = true;
            }
            long open = count(jdbc, "SELECT count(*) FROM notification WHERE subject_id = '" + incident
                    + "' AND state IN ('planned', 'retry', 'sending', 'held')");
            long rows = count(jdbc, "SELECT count(*) FROM notification WHERE subject_id = '" + incident + "'");
            if (out != last) {
                System.out.printf("  %.0f s: %,d ledger rows, %,d handed over, %,d not settled%n",
                        (System.nanoTime() - start) / 1e9, rows, out, open);
                last = out;
            }
            if (faulted && rows >= recipients && open == 0) {
                break;
            }
            Thread.sleep(1000);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long messages = count(jdbc, handedOver);
        long distinctRows = count(jdbc, "SELECT count(DISTINCT o.notification_id) FROM local_outbox o JOIN notification "
                + "n ON n.id = o.notification_id WHERE n.subject_id = '" + incident + "'");
        long reached = count(jdbc, "SELECT count(DISTINCT o.subscriber_id) FROM local_outbox o JOIN notification n "
                + "ON n.id = o.notification_id WHERE n.subject_id = '" + incident + "' AND n.transition = 'published#1'");
        long unknown = count(jdbc, "SELECT count(*) FROM notification WHERE subject_id = '" + incident
                + "' AND state = 'unknown'");
        long reconciled = count(jdbc, "SELECT count(*) FROM notification WHERE subject_id = '" + incident
                + "' AND state = 'sent' AND attempts > 1");
        System.out.printf("FAULT-RESULT run=%s recipients=%d messages=%d recipients_reached=%d duplicates=%d lost=%d "
                        + "unknown=%d sent_after_more_than_one_attempt=%d seconds=%.1f%n", run, recipients, messages,
                reached, messages - distinctRows, recipients - reached, unknown, reconciled, seconds);
    }

    private static HttpResponse<String> open(HttpClient http, String replica, String token, String component,
                                             String run) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(replica + "/api/v1/incidents"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"component\":\"" + component + "\",\"title\":\"Feilsuite "
                        + run + "\",\"major\":true}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long count(String jdbc, String sql) throws Exception {
        return FaultDriver.count(jdbc, sql, null);
    }
}
