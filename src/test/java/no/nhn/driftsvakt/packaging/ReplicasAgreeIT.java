package no.nhn.driftsvakt.packaging;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import no.nhn.driftsvakt.embedded.EmbeddedDatabase;
import no.nhn.driftsvakt.embedded.EmbeddedKafka;

/**
 * Two replicas of the production artifact in two probe locations (oslo, bergen; quorum 2 of 2) share one broker and
 * one database. When the endpoint goes down, and again when it comes back, both replicas' driftsweb front pages show
 * the new state within a second or two of each other: every replica reads {@code driftsvakt.status} itself.
 */
class ReplicasAgreeIT {

    static final String CATALOG = """
            components:
              - id: core
                name: Kjernenett
                kind: infrastructure
                category: Nett
                checks:
                  - id: core-http
                    type: http
                    url: ${driftsvakt.simulator.base-url}/sim/core/health
                    interval: 1s
                    timeout: 800ms
            """;

    private static boolean shows(ServiceProcess s, String status) {
        try {
            return given().baseUri(s.baseUrl()).get("/").asString()
                    .contains("data-component=\"core\" data-status=\"" + status + "\"");
        } catch (Exception e) {
            return false;
        }
    }

    /** Polls both front pages until both show {@code status}; returns how far apart they first did (ms). */
    private static long lagUntilBothShow(ServiceProcess a, ServiceProcess b, String status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long seenA = -1;
        long seenB = -1;
        while ((seenA < 0 || seenB < 0) && System.nanoTime() < deadline) {
            if (seenA < 0 && shows(a, status)) {
                seenA = System.nanoTime();
            }
            if (seenB < 0 && shows(b, status)) {
                seenB = System.nanoTime();
            }
            Thread.sleep(50);
        }
        assertTrue(seenA > 0 && seenB > 0, "both replicas show " + status + " (a: " + seenA + ", b: " + seenB + ")");
        return Math.abs(seenA - seenB) / 1_000_000;
    }

    @Test
    void bothReplicasDriftswebShowANewStateWithinTwoSecondsOfEachOther() throws Exception {
        Path catalog = Files.createTempFile("replicas-catalog", ".yaml");
        Files.writeString(catalog, CATALOG);
        try (EmbeddedKafka kafka = EmbeddedKafka.start(1, null); EmbeddedDatabase db = EmbeddedDatabase.start(null, 0);
             TargetServer targets = new TargetServer()) {
            Map<String, String> common = Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                    "QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl(), "QUARKUS_DATASOURCE_USERNAME", EmbeddedDatabase.USER,
                    "DRIFTSVAKT_CATALOG_PATH", catalog.toString(), "DRIFTSVAKT_SIMULATOR_BASE_URL", targets.baseUrl(),
                    "DRIFTSVAKT_PROBE_LOCATIONS", "oslo,bergen", "DRIFTSVAKT_DETECTOR_QUORUM", "2");
            try (ServiceProcess oslo = ServiceProcess.start(with(common, "DRIFTSVAKT_PROBE_LOCATION", "oslo"));
                 ServiceProcess bergen = ServiceProcess.start(with(common, "DRIFTSVAKT_PROBE_LOCATION", "bergen"))) {
                oslo.awaitReady();
                bergen.awaitReady();
                lagUntilBothShow(oslo, bergen, "operational");

                targets.down("core");
                long down = lagUntilBothShow(oslo, bergen, "major_outage");

                targets.up("core");
                long up = lagUntilBothShow(oslo, bergen, "operational");

                System.out.printf("Replicas agree: down shown %d ms apart, up %d ms apart%n", down, up);
                assertTrue(down <= 2000, "down: " + down + " ms apart");
                assertTrue(up <= 2000, "up: " + up + " ms apart");
            }
        }
    }

    private static Map<String, String> with(Map<String, String> env, String key, String value) {
        Map<String, String> m = new java.util.HashMap<>(env);
        m.put(key, value);
        return m;
    }
}
