package no.nhn.driftsvakt.packaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import no.nhn.driftsvakt.embedded.EmbeddedDatabase;
import no.nhn.driftsvakt.embedded.EmbeddedKafka;

/**
 * The production artifact as a process, configured like production (KAFKA_BOOTSTRAP_SERVERS, a JDBC URL, a
 * catalog file): what it recorded survives a restart of the service together with its database and a fresh
 * Kafka (the embedded default's restart), and it refuses to start on a bad catalog with a precise message.
 */
class ServiceRestartIT {

    private static String testCatalog() throws IOException {
        try (InputStream in = ServiceRestartIT.class.getClassLoader()
                .getResourceAsStream("catalog/test-catalog.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Map<String, String> env(EmbeddedKafka kafka, EmbeddedDatabase db, Path catalog, String targets) {
        return Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl(),
                "QUARKUS_DATASOURCE_USERNAME", EmbeddedDatabase.USER,
                "DRIFTSVAKT_CATALOG_PATH", catalog.toString(),
                "DRIFTSVAKT_SIMULATOR_BASE_URL", targets);
    }

    private static long changes(EmbeddedDatabase db, String component) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl());
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT count(*) FROM status_change WHERE component_id = '" + component + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void recordedHistorySurvivesARestartOfServiceDatabaseAndBroker() throws Exception {
        Path dir = Files.createTempDirectory("driftsvakt-restart");
        Path pgData = dir.resolve("postgres");
        Path catalog = dir.resolve("catalog.yaml");
        Files.writeString(catalog, testCatalog());
        try (TargetServer targets = new TargetServer()) {
            // Given: a service that saw core go down
            try (EmbeddedKafka kafka = EmbeddedKafka.start(1, null);
                 EmbeddedDatabase db = EmbeddedDatabase.start(pgData, 0)) {
                try (ServiceProcess first = ServiceProcess.start(env(kafka, db, catalog, targets.baseUrl()))) {
                    first.awaitReady();
                    await().atMost(Duration.ofSeconds(30)).until(() -> given().baseUri(first.baseUrl()).get("/")
                            .asString().contains("data-component=\"core\" data-status=\"operational\""));
                    targets.down("core");
                    await().atMost(Duration.ofSeconds(30)).until(() -> changes(db, "core") >= 2);
                    await().atMost(Duration.ofSeconds(15)).until(() -> given().baseUri(first.baseUrl()).get("/")
                            .asString().contains("Driftsavbrudd"));
                }
                assertEquals(2, changes(db, "core"), "unknown -> operational -> major_outage");
            }

            // When: everything restarts, Kafka from scratch, PostgreSQL from its data directory
            try (EmbeddedKafka kafka = EmbeddedKafka.start(1, null);
                 EmbeddedDatabase db = EmbeddedDatabase.start(pgData, 0)) {
                assertEquals(2, changes(db, "core"), "the database kept its rows");
                try (ServiceProcess second = ServiceProcess.start(env(kafka, db, catalog, targets.baseUrl()))) {
                    second.awaitReady();
                    // Then: the history recorded before the restart is on the page
                    await().atMost(Duration.ofSeconds(15)).until(() -> {
                        String page = given().baseUri(second.baseUrl()).get("/").asString();
                        return page.contains("Siste endringer") && page.contains("Kjernenett Test</strong>:")
                                && page.contains("I drift → <span class=\"pill status-major_outage\">");
                    });
                    // and rebuilding status from scratch does not repeat history
                    await().atMost(Duration.ofSeconds(20)).until(() -> given().baseUri(second.baseUrl()).get("/")
                            .asString().contains("data-component=\"core\" data-status=\"major_outage\""));
                    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6))
                            .until(() -> changes(db, "core") == 2); // no duplicate history after the restart
                }
            }
        }
    }

    @Test
    void aBadCatalogStopsTheStartWithFileLineAndField() throws Exception {
        Path catalog = Files.createTempFile("bad-catalog", ".yaml");
        Files.writeString(catalog, testCatalog().replace("interval: 1s", "interval: soon"));
        try (EmbeddedKafka kafka = EmbeddedKafka.start(1, null); EmbeddedDatabase db = EmbeddedDatabase.start(null, 0);
             ServiceProcess p = ServiceProcess.start(env(kafka, db, catalog, "http://127.0.0.1:9"))) {
            int code = p.waitForExit(90);
            String out = p.output();

            assertNotEquals(0, code, out);
            assertTrue(out.contains(catalog + ":17: components[0].checks[0].interval: 'soon' is not a duration"), out);
            assertTrue(out.contains("Invalid service catalog (3 problems)"), out);
        }
    }
}
