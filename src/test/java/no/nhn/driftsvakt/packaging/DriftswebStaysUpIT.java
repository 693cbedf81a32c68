package no.nhn.driftsvakt.packaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.restassured.response.Response;
import no.nhn.driftsvakt.embedded.EmbeddedDatabase;
import no.nhn.driftsvakt.embedded.EmbeddedKafka;

/**
 * Driftsweb stays up when what it reads from goes away: with Kafka and PostgreSQL both stopped under a running
 * production artifact, every driftsweb page and feed still answers from memory, never with a 5xx, and the front
 * page says when its data was last fresh. Also: HSTS when configured.
 */
class DriftswebStaysUpIT {

    @Test
    void withKafkaAndPostgresqlGoneTheLastKnownStateIsServedWithItsAge() throws Exception {
        Path catalog = Files.createTempFile("driftsweb-catalog", ".yaml");
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("catalog/test-catalog.yaml")) {
            Files.writeString(catalog, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        EmbeddedKafka kafka = EmbeddedKafka.start(1, null);
        EmbeddedDatabase db = EmbeddedDatabase.start(null, 0);
        boolean stopped = false;
        try (TargetServer targets = new TargetServer();
             ServiceProcess service = ServiceProcess.start(Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                     "QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl(), "QUARKUS_DATASOURCE_USERNAME", EmbeddedDatabase.USER,
                     "DRIFTSVAKT_CATALOG_PATH", catalog.toString(), "DRIFTSVAKT_SIMULATOR_BASE_URL", targets.baseUrl(),
                     "DRIFTSVAKT_DRIFTSWEB_STALE_AFTER", "3s", "DRIFTSVAKT_DRIFTSWEB_HSTS_MAX_AGE", "365d"))) {
            service.awaitReady();
            await().atMost(Duration.ofSeconds(30)).until(() -> given().baseUri(service.baseUrl()).get("/").asString()
                    .contains("data-component=\"core\" data-status=\"operational\""));
            // fresh data: no banner (the stale limit is 3 s here, so a slow start may show it for a moment)
            await().atMost(Duration.ofSeconds(15)).until(() -> !given().baseUri(service.baseUrl()).get("/").asString()
                    .contains("id=\"stale\""));
            Response fresh = given().baseUri(service.baseUrl()).get("/");
            assertEquals("max-age=31536000; includeSubDomains", fresh.header("Strict-Transport-Security"),
                    "HSTS when configured");
            assertTrue(fresh.header("Content-Security-Policy").contains("default-src 'self'"));

            // When: the broker and the database both go away
            stopped = true;
            kafka.close();
            db.close();

            // Then: the front page still answers, with the last known state and when it was last fresh
            await().atMost(Duration.ofSeconds(30)).until(() -> given().baseUri(service.baseUrl()).get("/").asString()
                    .contains("id=\"stale\""));
            Response page = given().baseUri(service.baseUrl()).get("/");
            assertEquals(200, page.statusCode());
            assertTrue(page.asString().contains("Sist oppdatert") && page.asString()
                    .contains("data-component=\"core\" data-status=\"operational\""), "the last known state, with its age");
            for (String path : new String[] {"/?lang=en", "/api/v2/summary.json", "/api/v2/incidents.json", "/feed.atom",
                    "/vedlikehold.ics", "/historikk", "/badge/core.svg", "/meld-fra", "/api/v1/status"}) {
                int code = given().baseUri(service.baseUrl()).get(path).statusCode();
                assertEquals(200, code, path + " answers from memory");
            }
            assertEquals(404, given().baseUri(service.baseUrl()).get("/hendelser/INC-999999").statusCode());
            // Kubernetes keeps it in the Service (serving readiness), while the full readiness reports the outage
            await().atMost(Duration.ofSeconds(30)).until(() -> given().baseUri(service.baseUrl()).get("/q/health/ready")
                    .statusCode() == 503);
            assertEquals(200, given().baseUri(service.baseUrl()).get("/q/health/group/serving").statusCode());
        } finally {
            if (!stopped) {
                kafka.close();
                db.close();
            }
        }
    }
}
