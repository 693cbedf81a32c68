package no.nhn.driftsvakt.packaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import no.nhn.driftsvakt.embedded.EmbeddedDatabase;
import no.nhn.driftsvakt.embedded.EmbeddedKafka;
import no.nhn.driftsvakt.platform.Tokens;

/**
 * Hierarchical escalation timers with two replicas of the production artifact on one database and broker: the first
 * level comes due while both plan (once, not once per replica); the replica that sent it is killed (SIGKILL) and the
 * other sends the second level; that one is stopped too, and the third level, overdue while no replica ran, is sent
 * once by a replica started afterwards. Timers are the ledger, not memory: they survive restarts.
 */
class EscalationReplicasIT {


    static final Map<String, String> ROLES = Map.of("customer-centre-lead", "SUB-LEAD", "technical-director",
            "SUB-DIRECTOR", "ceo", "SUB-CEO");

    static long sent(EmbeddedDatabase db, String subscriber) throws Exception {
        return FanoutRestartIT.count(db, "SELECT count(*) FROM local_outbox WHERE notification_id > 0 AND "
                + "subscriber_id = '" + subscriber + "'");
    }

    @Test
    void eachLevelFiresOnceAcrossReplicasAndRestarts() throws Exception {
        Path catalog = Files.createTempFile("escalation-catalog", ".yaml");
        Files.writeString(catalog, FanoutRestartIT.CATALOG); // the same two components and group
        try (EmbeddedKafka kafka = EmbeddedKafka.start(1, null); EmbeddedDatabase db = EmbeddedDatabase.start(null, 0)) {
            Map<String, String> env = new HashMap<>(Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                    "QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl(), "QUARKUS_DATASOURCE_USERNAME", EmbeddedDatabase.USER,
                    "DRIFTSVAKT_CATALOG_PATH", catalog.toString(), "DRIFTSVAKT_PROBE_ENABLED", "false",
                    "DRIFTSVAKT_SECURITY_STAFF_TOKENS", "it:" + Tokens.sha256Hex("it-staff"),
                    "DRIFTSVAKT_NOTIFY_INTERVAL", "500ms",
                    "DRIFTSVAKT_ESCALATION_P1", "6s:customer-centre-lead,16s:technical-director,24s:ceo"));
            ServiceProcess a = ServiceProcess.start(env);
            ServiceProcess b = ServiceProcess.start(env);
            ServiceProcess c = null;
            try {
                a.awaitReady();
                b.awaitReady();
                try (Connection db1 = DriverManager.getConnection(db.jdbcUrl()); Statement s = db1.createStatement()) {
                    int n = 0;
                    for (Map.Entry<String, String> r : ROLES.entrySet()) {
                        s.executeUpdate("INSERT INTO subscriber (id, phone, language, all_components, sms_state, "
                                + "unsubscribe_token, created_at, updated_at) VALUES ('" + r.getValue() + "', '+4790000"
                                + (100 + n++) + "', 'nb', false, 'confirmed', md5(random()::text), now(), now())");
                        s.executeUpdate("INSERT INTO duty (role, subscriber_id, set_by, set_at) VALUES ('" + r.getKey()
                                + "', '" + r.getValue() + "', 'it', now())");
                    }
                }
                given().baseUri(a.baseUrl()).header("Authorization", "Bearer it-staff").contentType("application/json")
                        .body("{\"component\":\"kjerne\",\"title\":\"Brudd i kjernenettet\",\"priority\":\"P1\","
                                + "\"major\":true}").post("/api/v1/incidents").then().statusCode(201);

                // Level 1 comes due while both replicas plan every half second: one message. The sender is killed
                // once its ledger row says sent: a kill between the hand-over and that mark is another scenario
                // (the row stays 'sending' until the sweeper looks it up; FanoutRestartIT), not this one.
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                        .until(() -> sent(db, "SUB-LEAD") >= 1 && FanoutRestartIT.count(db, "SELECT count(*) FROM "
                                + "notification WHERE transition = 'escalation#1' AND state = 'sent'") == 1);
                a.kill();

                // Level 2 on the survivor
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                        .until(() -> sent(db, "SUB-DIRECTOR") >= 1);
                assertEquals(0, sent(db, "SUB-CEO"), "level 3 is not due yet");
                b.close();

                // Level 3 comes due with no replica running; one started afterwards sends it
                c = ServiceProcess.start(env);
                c.awaitReady();
                await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200))
                        .until(() -> sent(db, "SUB-CEO") >= 1);
                Thread.sleep(3000); // many more planning runs
            } finally {
                a.kill();
                b.kill();
                if (c != null) {
                    c.close();
                }
            }
            for (String who : ROLES.values()) {
                assertEquals(1, sent(db, who), who + " told once");
            }
            assertEquals(3, FanoutRestartIT.count(db, "SELECT count(*) FROM notification WHERE transition LIKE "
                    + "'escalation#%'"), "three levels in the ledger, one row each");
            assertEquals(3, FanoutRestartIT.count(db, "SELECT count(DISTINCT transition) FROM notification WHERE "
                    + "transition LIKE 'escalation#%' AND state = 'sent'"));
        }
    }
}
