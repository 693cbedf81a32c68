package no.nhn.driftsvakt.pipeline;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import no.nhn.driftsvakt.platform.Topics;
import no.nhn.driftsvakt.testing.TopicReader;

/**
 * The whole spine against the real broker and database: simulated endpoint down → probe results → detector →
 * signal on driftsvakt.signals → status on driftsvakt.status → driftsweb; and back up.
 */
@QuarkusTest
class ProbePipelineIT {

    @AfterEach
    void allUp() {
        for (String n : List.of("core", "app-a", "app-b")) {
            given().post("/sim/" + n + "/up").then().statusCode(200);
        }
    }

    private static String statusOf(String component) {
        JsonPath board = given().get("/api/v1/status").then().statusCode(200).extract().jsonPath();
        for (String path : List.of("categories[0]", "categories[1]")) {
            List<String> ids = board.getList(path + ".components.id");
            int i = ids.indexOf(component);
            if (i >= 0) {
                String own = board.getString(path + ".components[" + i + "].own");
                return own == null ? "unknown" : board.getString(path + ".components[" + i + "].effective");
            }
        }
        throw new AssertionError("no component " + component);
    }

    @Test
    void anEndpointThatGoesDownIsSignalledAndShownWithinThresholdTimesInterval() {
        await().atMost(Duration.ofSeconds(30)).until(() -> statusOf("app-a").equals("operational"));
        try (TopicReader signals = new TopicReader(Topics.SIGNALS.name())) {
            // When
            long t0 = System.nanoTime();
            given().post("/sim/app-a/down").then().statusCode(200);

            // Then: 3 failures × 1 s interval, plus pipeline slack
            await().atMost(Duration.ofSeconds(8)).pollInterval(Duration.ofMillis(100)).until(() -> signals.poll()
                    .stream().map(ConsumerRecord::value)
                    .anyMatch(v -> v.contains("\"component\":\"app-a\"") && v.contains("\"state\":\"down\"")
                            && v.contains("\"source\":\"probe\"")));
            long signalledMs = (System.nanoTime() - t0) / 1_000_000;
            await().atMost(Duration.ofSeconds(5)).until(() -> statusOf("app-a").equals("major_outage"));
            System.out.printf("app-a down: signal after %d ms, shown after %d ms%n", signalledMs,
                    (System.nanoTime() - t0) / 1_000_000);

            ConsumerRecord<String, String> down = signals.poll().stream()
                    .filter(r -> r.value().contains("\"state\":\"down\"") && r.key().equals("app-a")
                            && r.value().contains("\"source\":\"probe\"")).findFirst()
                    .orElseThrow();
            assertTrue(down.value().contains("\"check\":\"app-a-http\""), down.value());
            assertTrue(down.value().contains("HTTP 503"), down.value());
        }
        // The downstream component shows as affected, on the page too (driftsweb's snapshot follows within a second).
        assertTrue(statusOf("app-b").equals("degraded_performance"));
        await().atMost(Duration.ofSeconds(3)).until(() -> given().get("/").asString()
                .contains("data-component=\"app-a\" data-status=\"major_outage\""));
        given().get("/").then().statusCode(200)
                .body(containsString("Påvirket av: Applikasjon A"))
                .body(containsString("Driftsavbrudd"));

        // And back up.
        given().post("/sim/app-a/up").then().statusCode(200);
        await().atMost(Duration.ofSeconds(8)).until(() -> statusOf("app-a").equals("operational"));
        await().atMost(Duration.ofSeconds(8)).until(() -> given().get("/").asString()
                .contains("data-component=\"app-a\" data-status=\"operational\""));
    }

    @Test
    void driftswebListsCategoriesComponentsAndLastCheck() {
        await().atMost(Duration.ofSeconds(30)).until(() -> statusOf("core").equals("operational"));
        given().get("/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("<html lang=\"nb\">"))
                .body(containsString("Nettverk")).body(containsString("Tjenester"))
                .body(containsString("Kjernenett Test")).body(containsString("I drift"))
                .body(containsString("Sist sjekket"));
        given().get("/api/v1/status").then().statusCode(200)
                .body("categories[0].components[0].lastCheckAt", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void heartbeatsNeedTheChecksTokenAndAnExistingHeartbeatCheck() {
        given().post("/api/v1/heartbeats/batch-heartbeat").then().statusCode(401)
                .contentType(containsString("application/problem+json")).body("field", equalTo("Authorization"));
        given().header("Authorization", "Bearer wrong").post("/api/v1/heartbeats/batch-heartbeat").then()
                .statusCode(403);
        given().header("Authorization", "Bearer test-heartbeat").post("/api/v1/heartbeats/nope").then()
                .statusCode(404).body("detail", containsString("nope"));
        given().header("Authorization", "Bearer test-heartbeat").post("/api/v1/heartbeats/core-http").then()
                .statusCode(400).body("detail", containsString("http check"));
        given().header("Authorization", "Bearer test-heartbeat").post("/api/v1/heartbeats/batch-heartbeat").then()
                .statusCode(202).body("checkId", equalTo("batch-heartbeat"));
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicWithTheirReasonAndThePipelineGoesOn() throws Exception {
        try (TopicReader dead = new TopicReader(Topics.DEAD_LETTER.name());
             org.apache.kafka.clients.producer.KafkaProducer<String, String> producer =
                     new org.apache.kafka.clients.producer.KafkaProducer<>(java.util.Map.of(
                             "bootstrap.servers", no.nhn.driftsvakt.testing.Infra.bootstrapServers(),
                             "key.serializer", org.apache.kafka.common.serialization.StringSerializer.class.getName(),
                             "value.serializer", org.apache.kafka.common.serialization.StringSerializer.class.getName()))) {
            // When
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(Topics.PROBE_RESULTS.name(),
                    "core-http", "{not json")).get();
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(Topics.SIGNALS.name(),
                    "core", "{\"id\":\"x\",\"component\":\"core\"}")).get();

            // Then
            await().atMost(Duration.ofSeconds(10)).until(() -> dead.poll().size() >= 2);
            ConsumerRecord<String, String> first = dead.poll().stream()
                    .filter(r -> r.value().equals("{not json")).findFirst().orElseThrow();
            String reason = new String(first.headers().lastHeader("dead-letter-reason").value());
            assertTrue(reason.startsWith("not a probe result"), reason);
            assertTrue(new String(first.headers().lastHeader("dead-letter-topic").value())
                    .equals(Topics.PROBE_RESULTS.name()));
            ConsumerRecord<String, String> second = dead.poll().stream()
                    .filter(r -> r.key().equals("core")).findFirst().orElseThrow();
            assertTrue(new String(second.headers().lastHeader("dead-letter-reason").value())
                    .contains("state or at is missing"));
        }
        // and the pipeline still works
        given().post("/sim/core/down").then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> statusOf("core").equals("major_outage"));
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void readinessCoversKafkaDatabaseAndCatalog() {
        given().get("/q/health/ready").then().statusCode(200)
                .body(containsString("\"catalog\""))
                .body(containsString("Database connections health check"))
                .body(containsString("SmallRye Reactive Messaging"));
    }

    @Test
    void metricsExposeProbeLatencyFailuresPipelineLatencyAndStatusCounts() {
        given().post("/sim/core/down").then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> given().get("/q/metrics").asString()
                .contains("driftsvakt_probe_failures_total{reason=\"unexpected_status\",type=\"http\"}"));
        String metrics = given().get("/q/metrics").asString();
        assertTrue(metrics.contains("driftsvakt_probe_duration_seconds_count{outcome=\"success\",type=\"http\"}"));
        assertTrue(metrics.contains("driftsvakt_pipeline_latency_seconds_count{stage=\"detector\"}"));
        assertTrue(metrics.contains("driftsvakt_components{status=\"operational\"}"));
        assertTrue(metrics.contains("driftsvakt_probe_owned_checks"));
        assertTrue(metrics.contains("kafka_consumer_fetch_manager_records_lag_max"), "consumer lag is exported");
    }
}
