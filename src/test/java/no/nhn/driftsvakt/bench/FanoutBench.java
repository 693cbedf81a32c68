package no.nhn.driftsvakt.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * For benchmarks: loads N confirmed subscribers of one customer group (half SMS, half e-mail) straight into
 * PostgreSQL, reports an outage of the component they all use through the staff API (a manual incident is
 * published at once), and measures how long until every message is decided (ledger), handed to the senders
 * (relayed to {@code driftsvakt.notifications}), and how fast the senders then go at the configured provider rate.
 * Duplicates are counted from the local outbox (one row per provider call).
 *
 * <p>Arguments: base URL, JDBC URL, database user, recipients, seconds to watch the senders, output file.
 */
public final class FanoutBench {

    private FanoutBench() {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String jdbc = args[1];
        String user = args[2];
        int n = Integer.parseInt(args[3]);
        int watch = Integer.parseInt(args[4]);
        Path out = Path.of(args[5]);
        try (Connection c = DriverManager.getConnection(jdbc, user, "")) {
            long t = System.nanoTime();
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO subscriber (id, phone, email, language, all_components, sms_state, "
                        + "email_state, unsubscribe_token, created_at, updated_at) SELECT 'BEN-' || lpad(g::text, 7, '0'), "
                        + "CASE WHEN g % 2 = 0 THEN '+479' || lpad(g::text, 7, '0') END, "
                        + "CASE WHEN g % 2 = 1 THEN 'mottaker' || g || '@bench.test' END, 'nb', true, "
                        + "CASE WHEN g % 2 = 0 THEN 'confirmed' END, CASE WHEN g % 2 = 1 THEN 'confirmed' END, "
                        + "md5(random()::text || g), now(), now() FROM generate_series(1, " + n + ") g");
                s.executeUpdate("INSERT INTO subscriber_group (subscriber_id, group_id) SELECT id, 'alle' FROM subscriber "
                        + "WHERE id LIKE 'BEN-%'");
            }
            System.out.printf("loaded %d subscribers in %.1f s%n", n, (System.nanoTime() - t) / 1e9);

            HttpClient http = HttpClient.newHttpClient();
            long t0 = System.nanoTime();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/incidents"))
                    .header("Authorization", "Bearer bench-staff").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"component\":\"kjerne\",\"title\":\"Brudd i kjernenettet\","
                            + "\"text\":\"Vi jobber med saken.\",\"major\":true}")).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException("incident not created: " + r.statusCode() + " " + r.body());
            }
            String incident = r.body().replaceAll("(?s).*\"id\"\\s*:\\s*\"(INC-[0-9]+)\".*", "$1");
            System.out.println("incident " + incident);

            double decided = -1;
            double handed = -1;
            long lastPrint = 0;
            while ((System.nanoTime() - t0) / 1e9 < 180 && handed < 0) {
                double s = (System.nanoTime() - t0) / 1e9;
                long planned = count(c, "SELECT count(*) FROM notification WHERE subject_id = ?", incident);
                long relayed = count(c, "SELECT count(*) FROM outbox WHERE topic = 'driftsvakt.notifications' AND "
                        + "published_at IS NOT NULL AND payload LIKE ?", "%\"" + incident + "\"%");
                if (decided < 0 && planned >= n) {
                    decided = s;
                }
                if (relayed >= n) {
                    handed = s;
                }
                if (s - lastPrint >= 5) {
                    System.out.printf("%5.1f s: %d decided, %d handed to the senders%n", s, planned, relayed);
                    lastPrint = (long) s;
                }
                Thread.sleep(250);
            }
            long sms0 = count(c, "SELECT count(*) FROM local_outbox WHERE channel = 'sms' AND notification_id > 0", null);
            long mail0 = count(c, "SELECT count(*) FROM local_outbox WHERE channel = 'email' AND notification_id > 0", null);
            long w0 = System.nanoTime();
            Thread.sleep(watch * 1000L);
            double w = (System.nanoTime() - w0) / 1e9;
            long sms1 = count(c, "SELECT count(*) FROM local_outbox WHERE channel = 'sms' AND notification_id > 0", null);
            long mail1 = count(c, "SELECT count(*) FROM local_outbox WHERE channel = 'email' AND notification_id > 0", null);
            long dupCalls = count(c, "SELECT count(*) - count(DISTINCT notification_id) FROM local_outbox WHERE "
                    + "notification_id > 0", null);
            long dupKeys = count(c, "SELECT count(*) - count(DISTINCT (subject_id, transition, subscriber_id, channel)) "
                    + "FROM notification", null);
            long perRecipient = count(c, "SELECT coalesce(max(k), 0) FROM (SELECT count(*) k FROM notification WHERE "
                    + "subject_id = ? GROUP BY subscriber_id) x", incident);
            String result = String.format("recipients=%d decided_s=%.1f handed_s=%.1f sms_per_s=%.1f email_per_s=%.1f "
                            + "watch_s=%.0f duplicate_provider_calls=%d duplicate_ledger_keys=%d max_messages_per_recipient=%d%n",
                    n, decided, handed, (sms1 - sms0) / w, (mail1 - mail0) / w, w, dupCalls, dupKeys, perRecipient);
            Files.writeString(out, result);
            System.out.print(result);
        }
    }

    private static long count(Connection c, String sql, String arg) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (arg != null) {
                ps.setString(1, arg);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
