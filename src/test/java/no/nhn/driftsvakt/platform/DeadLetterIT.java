package no.nhn.driftsvakt.platform;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import no.nhn.driftsvakt.testing.Infra;

/**
 * Poison records among good ones on {@code driftsvakt.signals}: exactly the poison ones land in the dead-letter
 * topic (with reason, topic, partition and offset), every good one is processed, readiness stays up; and the replay
 * tool sends chosen dead letters back to their topic. Sizes from {@code -Dfault.good} and {@code -Dfault.poison}
 * (CI: 500 and 50; the fault suite: 10,000 and 1,000, docs/reliability.md).
 */
@QuarkusTest
class DeadLetterIT {

    private static final int GOOD = Integer.getInteger("fault.good", 500);
    private static final int POISON = Integer.getInteger("fault.poison", 50);

    @Test
    void poisonRecordsGoToTheDeadLetterTopicAndTheRestIsProcessed() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> cfg = new HashMap<>();
        cfg.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infra.bootstrapServers());
        cfg.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        long t0 = System.nanoTime();
        try (KafkaProducer<String, String> p = new KafkaProducer<>(cfg, new StringSerializer(), new StringSerializer())) {
            List<Future<RecordMetadata>> sent = new java.util.ArrayList<>();
            int every = Math.max(1, GOOD / Math.max(1, POISON));
            int poison = 0;
            for (int i = 0; i < GOOD; i++) {
                String signal = "{\"id\":\"dl-" + run + "-" + i + "\",\"source\":\"nagios\",\"component\":\"dl-a\","
                        + "\"state\":\"" + (i % 2 == 0 ? "down" : "up") + "\",\"summary\":\"test\",\"at\":\""
                        + Instant.now() + "\"}";
                sent.add(p.send(new ProducerRecord<>(Topics.SIGNALS.name(), "dl-a", signal)));
                if (i % every == 0 && poison < POISON) {
                    String bad = poison % 2 == 0 ? "not json " + run + " #" + poison
                            : "{\"id\":\"poison-" + run + "-" + poison + "\",\"component\":\"dl-a\"}"; // fields missing
                    sent.add(p.send(new ProducerRecord<>(Topics.SIGNALS.name(), "dl-a", bad)));
                    poison++;
                }
            }
            while (poison < POISON) {
                sent.add(p.send(new ProducerRecord<>(Topics.SIGNALS.name(), "dl-a", "not json " + run + " #" + poison++)));
            }
            for (Future<RecordMetadata> f : sent) {
                f.get();
            }
        }

        // Every good signal processed (its id recorded), exactly the poison ones dead-lettered, readiness up
        await().atMost(Duration.ofSeconds(120)).until(() -> processed(run) == GOOD);
        long seconds = Duration.ofNanos(System.nanoTime() - t0).toMillis();
        List<Map<String, Object>> dead = await().atMost(Duration.ofSeconds(60)).until(() -> deadLetters(run),
                l -> l.size() >= POISON);
        Thread.sleep(1000); // and no more arrive
        dead = deadLetters(run);
        assertEquals(POISON, dead.size(), "exactly the poison records");
        for (Map<String, Object> d : dead) {
            assertEquals(Topics.SIGNALS.name(), d.get("sourceTopic"));
            assertTrue(String.valueOf(d.get("reason")).startsWith("not a valid signal"), String.valueOf(d.get("reason")));
            assertTrue(d.get("sourcePartition") != null && d.get("sourceOffset") != null, d.toString());
        }
        given().get("/q/health/ready").then().statusCode(200);
        System.out.printf("Dead letters: %d good and %d poison signals: %d processed, %d dead-lettered, readiness UP "
                + "(%d ms until all were handled)%n", GOOD, POISON, processed(run), dead.size(), seconds);

        // The replay tool: a dry run counts, a replay sends them back (still poison: they come back once more)
        JsonPath dry = admin().body(Map.of("sourceTopic", Topics.SIGNALS.name(), "contains", run, "dryRun", true))
                .post("/api/v1/admin/dead-letters/replay").then().statusCode(200).extract().jsonPath();
        assertEquals(POISON, dry.getInt("matched"));
        assertEquals(0, dry.getInt("replayed"));
        admin().body(Map.of("sourceTopic", "driftsvakt.dead-letter")).post("/api/v1/admin/dead-letters/replay").then()
                .statusCode(422);
        given().contentType("application/json").body(Map.of("sourceTopic", Topics.SIGNALS.name()))
                .post("/api/v1/admin/dead-letters/replay").then().statusCode(401);
        JsonPath done = admin().body(Map.of("sourceTopic", Topics.SIGNALS.name(), "contains", run))
                .post("/api/v1/admin/dead-letters/replay").then().statusCode(200).extract().jsonPath();
        assertEquals(POISON, done.getInt("replayed"));
        await().atMost(Duration.ofSeconds(60)).until(() -> deadLetters(run).size() == 2 * POISON);
        assertEquals(GOOD, processed(run), "good signals untouched by the replay");
    }

    /**
     * A batch record (docs/design/signal-batches.md): its valid signals are applied in order, and only its invalid
     * item is dead-lettered, alone, so a replay puts back exactly that.
     */
    @Test
    void aBatchRecordIsAppliedItemByItemAndOnlyItsBadItemIsDeadLettered() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String at = Instant.now().toString();
        String batch = "[{\"id\":\"dlbatch-" + run + "-0\",\"source\":\"batch-test\",\"component\":\"dl-a\","
                + "\"state\":\"down\",\"at\":\"" + at + "\"},"
                + "{\"id\":\"dlbatch-" + run + "-1\",\"component\":\"dl-a\"},"
                + "{\"id\":\"dlbatch-" + run + "-2\",\"source\":\"batch-test\",\"component\":\"dl-a\","
                + "\"state\":\"up\",\"at\":\"" + at + "\"}]";
        Map<String, Object> cfg = new HashMap<>();
        cfg.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infra.bootstrapServers());
        try (KafkaProducer<String, String> p = new KafkaProducer<>(cfg, new StringSerializer(), new StringSerializer())) {
            p.send(new ProducerRecord<>(Topics.SIGNALS.name(), "dl-a", batch)).get();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> processedWithPrefix("dlbatch-" + run + "-") == 2);
        List<Map<String, Object>> dead = await().atMost(Duration.ofSeconds(60)).until(() -> deadLetters(run),
                l -> !l.isEmpty());
        Thread.sleep(1000); // and no more arrive
        dead = deadLetters(run);
        assertEquals(1, dead.size(), dead.toString());
        assertEquals("{\"id\":\"dlbatch-" + run + "-1\",\"component\":\"dl-a\"}", dead.get(0).get("value"));
        assertTrue(String.valueOf(dead.get(0).get("reason")).startsWith("item 1 of a batch record: not a valid signal"),
                String.valueOf(dead.get(0).get("reason")));
        try (Connection c = DriverManager.getConnection(Infra.jdbcUrl());
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM incident_update u JOIN incident i "
                     + "ON i.id = u.incident_id WHERE i.component_id = 'dl-a' AND u.text LIKE '%batch-test%'")) {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertTrue(rs.getLong(1) >= 1, "the down in the batch opened or joined an incident");
            }
        }
    }

    /** A batch record with more than ten unreadable items is dead-lettered once, whole; its valid signal applied. */
    @Test
    void aBatchRecordWithManyBadItemsIsDeadLetteredOnceWhole() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        StringBuilder batch = new StringBuilder("[{\"id\":\"dlmany-" + run + "-ok\",\"source\":\"batch-test\","
                + "\"component\":\"dl-a\",\"state\":\"up\",\"at\":\"" + Instant.now() + "\"}");
        for (int i = 0; i < 12; i++) {
            batch.append(",{\"id\":\"dlmany-").append(run).append("-").append(i).append("\"}");
        }
        Map<String, Object> cfg = new HashMap<>();
        cfg.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infra.bootstrapServers());
        try (KafkaProducer<String, String> p = new KafkaProducer<>(cfg, new StringSerializer(), new StringSerializer())) {
            p.send(new ProducerRecord<>(Topics.SIGNALS.name(), "dl-a", batch.append("]").toString())).get();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> processedWithPrefix("dlmany-" + run + "-ok") == 1);
        await().atMost(Duration.ofSeconds(60)).until(() -> !deadLetters(run).isEmpty());
        Thread.sleep(1000);
        List<Map<String, Object>> dead = deadLetters(run);
        assertEquals(1, dead.size(), "once, not twelve times");
        assertEquals(batch.toString(), dead.get(0).get("value"), "the whole record");
        assertTrue(String.valueOf(dead.get(0).get("reason")).startsWith("12 items of a batch record are not valid"),
                String.valueOf(dead.get(0).get("reason")));
    }

    private static io.restassured.specification.RequestSpecification admin() {
        return given().header("Authorization", "Bearer test-admin").contentType("application/json");
    }

    private static List<Map<String, Object>> deadLetters(String run) {
        return given().header("Authorization", "Bearer test-admin").queryParam("sourceTopic", Topics.SIGNALS.name())
                .queryParam("contains", run).queryParam("limit", 10_000).get("/api/v1/admin/dead-letters").then()
                .statusCode(200).extract().jsonPath().getList("$");
    }

    private static long processed(String run) throws Exception {
        return processedWithPrefix("dl-" + run + "-");
    }

    private static long processedWithPrefix(String prefix) throws Exception {
        try (Connection c = DriverManager.getConnection(Infra.jdbcUrl());
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM processed_signal WHERE signal_id LIKE ?")) {
            ps.setString(1, prefix + "%");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
