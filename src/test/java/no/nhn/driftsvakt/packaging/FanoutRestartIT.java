package no.nhn.driftsvakt.packaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import no.nhn.driftsvakt.embedded.EmbeddedDatabase;
import no.nhn.driftsvakt.embedded.EmbeddedKafka;
import no.nhn.driftsvakt.platform.Tokens;

/**
 * The production artifact is killed (SIGKILL) in the middle of sending an outage notice to 2,000 people and
 * started again: everyone gets the message, nobody gets it twice.
 */
class FanoutRestartIT {

    static final int RECIPIENTS = 2000;

    static final String CATALOG = """
            components:
              - { id: kjerne, name: Kjernenett, category: Nett, kind: infrastructure }
              - { id: e-resept, name: E-resept, category: Tjenester, dependsOn: [kjerne] }
            customerGroups:
              - { id: alle, name: Alle kunder, agreement: extended, pilot: true, uses: [e-resept] }
            """;

    static long count(EmbeddedDatabase db, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aRestartInTheMiddleOfAFanOutSendsNobodyASecondMessage() throws Exception {
        Path catalog = Files.createTempFile("fanout-catalog", ".yaml");
        Files.writeString(catalog, CATALOG);
        try (EmbeddedKafka kafka = EmbeddedKafka.start(1, null); EmbeddedDatabase db = EmbeddedDatabase.start(null, 0)) {
            Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                    "QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl(), "QUARKUS_DATASOURCE_USERNAME", EmbeddedDatabase.USER,
                    "DRIFTSVAKT_CATALOG_PATH", catalog.toString(), "DRIFTSVAKT_PROBE_ENABLED", "false",
                    "DRIFTSVAKT_SECURITY_STAFF_TOKENS", "it:" + Tokens.sha256Hex("it-staff"),
                    "DRIFTSVAKT_SMS_RATE_PER_SECOND", "100");
            ServiceProcess first = ServiceProcess.start(env);
            try {
                first.awaitReady();
                try (Connection c = DriverManager.getConnection(db.jdbcUrl()); Statement s = c.createStatement()) {
                    s.executeUpdate("INSERT INTO subscriber (id, phone, language, all_components, sms_state, "
                            + "unsubscribe_token, created_at, updated_at) SELECT 'SUB-R' || g, '+479' || lpad(g::text, 7, "
                            + "'0'), 'nb', true, 'confirmed', md5(random()::text || g), now(), now() FROM "
                            + "generate_series(1, " + RECIPIENTS + ") g");
                    s.executeUpdate("INSERT INTO subscriber_group SELECT id, 'alle' FROM subscriber");
                }
                given().baseUri(first.baseUrl()).header("Authorization", "Bearer it-staff").contentType("application/json")
                        .body("{\"component\":\"kjerne\",\"title\":\"Brudd\",\"major\":true}").post("/api/v1/incidents")
                        .then().statusCode(201);
                // When: it dies with a few hundred sent (100 SMS/s)
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                        .until(() -> count(db, "SELECT count(*) FROM local_outbox WHERE notification_id > 0") >= 300);
            } finally {
                first.kill();
            }
            long atKill = count(db, "SELECT count(*) FROM local_outbox WHERE notification_id > 0");
            assertTrue(atKill < RECIPIENTS, "killed in the middle: " + atKill);

            // Then: after a restart the rest go out, and nobody twice
            try (ServiceProcess second = ServiceProcess.start(env)) {
                second.awaitReady();
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
                        count(db, "SELECT count(*) FROM notification WHERE state IN ('planned', 'retry')") == 0
                                && count(db, "SELECT count(*) FROM notification WHERE state = 'sent'") >= RECIPIENTS - 1);
            }
            assertEquals(0, count(db, "SELECT count(*) - count(DISTINCT notification_id) FROM local_outbox "
                    + "WHERE notification_id > 0"), "no provider call twice for one ledger row");
            long messages = count(db, "SELECT count(*) FROM local_outbox WHERE notification_id > 0");
            assertEquals(messages, count(db, "SELECT count(DISTINCT subscriber_id) FROM local_outbox "
                    + "WHERE notification_id > 0"), "nobody got it twice");
            long inFlight = count(db, "SELECT count(*) FROM notification WHERE state IN ('sending', 'unknown')");
            assertTrue(inFlight <= 1, "at most the one in flight at the kill is left without an outcome: " + inFlight);
            assertTrue(messages >= RECIPIENTS - inFlight, "everyone else got it: " + messages);
        }
    }
}
