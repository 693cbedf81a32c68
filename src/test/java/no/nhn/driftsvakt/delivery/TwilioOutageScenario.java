package no.nhn.driftsvakt.delivery;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import no.nhn.driftsvakt.testing.FakeTwilio;

/**
 * The Twilio outage fault scenario (issue 7): an outage notice fanned out by SMS to {@code recipients} contacts
 * through the real Twilio SDK into {@link FakeTwilio}; once a tenth have gone, Twilio answers 429 for
 * {@code throttled}, then times out (after and before taking the message, in turn) for {@code timingOut}, then
 * recovers. Waits until every ledger row is settled and reports who got what.
 */
final class TwilioOutageScenario {

    /** What came out of one run. */
    record Figures(int recipients, long ledgerRows, long recorded, long reached, long duplicates, long lost,
                   Map<String, Long> states, long retries, long answered429, long hungAfterAccept,
                   long hungBeforeAccept, long lookups, double unknown, double reconciledSent,
                   double reconciledRetry, double askedAgain, Duration outage, Duration total,
                   Duration afterOutage) {

        String print() {
            return String.format(Locale.ROOT, """
                    === Twilio outage scenario ===
                    recipients                       %,d
                    ledger rows (sms)                %,d  %s
                    messages Twilio recorded         %,d
                    distinct recipients reached      %,d
                    duplicates                       %,d
                    lost                             %,d
                    retries (attempts beyond 1st)    %,d
                    429 answers                      %,d
                    timeouts after accept            %,d
                    timeouts before accept           %,d
                    lookups (GET Messages.json)      %,d
                    unknown outcomes                 %.0f
                    reconciled: found (sent)         %.0f
                    reconciled: not found (resent)   %.0f
                    lookups that could not ask       %.0f
                    fault window                     %.1f s
                    total time                       %.1f s (all settled %.1f s after the window)
                    """, recipients, ledgerRows, states, recorded, reached, duplicates, lost, retries, answered429,
                    hungAfterAccept, hungBeforeAccept, lookups, unknown, reconciledSent, reconciledRetry, askedAgain,
                    outage.toMillis() / 1000.0, total.toMillis() / 1000.0, afterOutage.toMillis() / 1000.0);
        }
    }

    private final DataSource ds;
    private final MeterRegistry registry;
    private final FakeTwilio fake;

    TwilioOutageScenario(DataSource ds, MeterRegistry registry, FakeTwilio fake) {
        this.ds = ds;
        this.registry = registry;
        this.fake = fake;
    }

    Figures run(int recipients, Duration throttled, Duration timingOut, Duration settleWithin) throws Exception {
        int base = ThreadLocalRandom.current().nextInt(1, 90) * 100_000;
        String prefix = "SUB-TWF" + base + "-";
        Set<String> phones = new HashSet<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO subscriber (id, phone, language, all_components, sms_state, unsubscribe_token, "
                    + "created_at, updated_at) SELECT '" + prefix + "' || g, '+4798' || lpad((" + base + " + g)::text, "
                    + "7, '0'), 'nb', true, 'confirmed', md5(random()::text || g), now(), now() FROM generate_series(1, "
                    + recipients + ") g");
            s.executeUpdate("INSERT INTO subscriber_group SELECT id, 'smsfeil' FROM subscriber WHERE id LIKE '"
                    + prefix + "%'");
            try (ResultSet rs = s.executeQuery("SELECT phone FROM subscriber WHERE id LIKE '" + prefix + "%'")) {
                while (rs.next()) {
                    phones.add(rs.getString(1));
                }
            }
        }
        double unknown0 = count("driftsvakt.delivery.unknown", null);
        double sent0 = count("driftsvakt.delivery.reconciled", "sent");
        double retry0 = count("driftsvakt.delivery.reconciled", "retry");
        double again0 = count("driftsvakt.delivery.reconciled", "ask-again");
        fake.mode(FakeTwilio.Mode.OK);
        long t0 = System.nanoTime();
        String incident = given().header("Authorization", "Bearer test-staff").contentType("application/json")
                .body("{\"component\":\"sms-f\",\"title\":\"Brudd i meldingstjenesten\",\"major\":true}")
                .post("/api/v1/incidents").then().statusCode(201).extract().path("id");
        try {
            // When: a tenth are out, Twilio throttles, then stops answering, then comes back
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                    .until(() -> reached(phones) >= recipients / 10);
            long f0 = System.nanoTime();
            fake.mode(FakeTwilio.Mode.TOO_MANY_REQUESTS);
            Thread.sleep(throttled.toMillis()); // the fault window is the scenario's clock
            fake.mode(FakeTwilio.Mode.TIMEOUTS_MIXED);
            Thread.sleep(timingOut.toMillis());
            fake.mode(FakeTwilio.Mode.OK);
            long f1 = System.nanoTime();

            // Then: every ledger row settles
            await().atMost(settleWithin).pollInterval(Duration.ofMillis(250)).until(() -> open(incident) == 0);
            long t1 = System.nanoTime();

            Map<String, Long> states = states(incident);
            List<FakeTwilio.Recorded> mine = fake.messages().stream().filter(m -> phones.contains(m.to())).toList();
            long reached = mine.stream().map(FakeTwilio.Recorded::to).distinct().count();
            return new Figures(recipients, states.values().stream().mapToLong(Long::longValue).sum(), mine.size(),
                    reached, mine.size() - reached, recipients - reached, states, retries(incident),
                    fake.answered429.get(), fake.hungAfterAccept.get(), fake.hungBeforeAccept.get(), fake.lists.get(),
                    count("driftsvakt.delivery.unknown", null) - unknown0,
                    count("driftsvakt.delivery.reconciled", "sent") - sent0,
                    count("driftsvakt.delivery.reconciled", "retry") - retry0,
                    count("driftsvakt.delivery.reconciled", "ask-again") - again0, Duration.ofNanos(f1 - f0),
                    Duration.ofNanos(t1 - t0), Duration.ofNanos(t1 - f1));
        } finally {
            // Its contacts leave, so no later test's notice reaches them; the incident is resolved.
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM subscriber_group WHERE subscriber_id LIKE '" + prefix + "%'");
                s.executeUpdate("UPDATE subscriber SET sms_state = 'opted-out' WHERE id LIKE '" + prefix + "%'");
            }
            given().header("Authorization", "Bearer test-staff").contentType("application/json")
                    .body("{\"text\":\"Fungerer igjen.\"}").post("/api/v1/incidents/" + incident + "/resolve");
        }
    }

    static void assertNoneLostNoneTwice(Figures f) {
        assertEquals(0, f.duplicates(), "nobody got it twice");
        assertEquals(0, f.lost(), "everyone got it");
        assertEquals(Map.of("sent", (long) f.recipients()), f.states(), "every ledger row sent");
    }

    private long reached(Set<String> phones) {
        return fake.messages().stream().filter(m -> phones.contains(m.to())).count();
    }

    private double count(String name, String outcome) {
        var search = registry.find(name);
        if (outcome != null) {
            search = search.tag("outcome", outcome);
        }
        return search.counters().stream().mapToDouble(Counter::count).sum();
    }

    private long open(String incident) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM "
                + "notification WHERE subject_id = ? AND channel = 'sms' AND state IN ('planned', 'sending', 'retry', "
                + "'unknown')")) {
            ps.setString(1, incident);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private Map<String, Long> states(String incident) throws SQLException {
        Map<String, Long> out = new java.util.TreeMap<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT state, count(*) FROM "
                + "notification WHERE subject_id = ? AND channel = 'sms' GROUP BY state")) {
            ps.setString(1, incident);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return out;
    }

    private long retries(String incident) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT coalesce(sum("
                + "attempts - 1), 0) FROM notification WHERE subject_id = ? AND channel = 'sms'")) {
            ps.setString(1, incident);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
