package no.nhn.driftsvakt.ingest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import no.nhn.driftsvakt.platform.Topics;
import no.nhn.driftsvakt.testing.TopicReader;

/** The ingest contract end to end: REST and Alertmanager in, signals on Kafka, status on driftsweb. */
@QuarkusTest
class IngestIT {

    @jakarta.inject.Inject
    no.nhn.driftsvakt.signal.SignalPublisher publisher;

    private static RequestSpecification client() {
        return given().header("Authorization", "Bearer test-ingest").contentType("application/json");
    }

    private static String uid() {
        return "it-" + UUID.randomUUID();
    }

    private static long onTopic(TopicReader t, String id) {
        return t.poll().stream().filter(r -> r.value().contains("\"id\":\"" + id + "\"")).count();
    }

    /** The component's own status on the board (as the monitors say; not what it inherits from upstream). */
    private static String statusOf(String component) {
        io.restassured.path.json.JsonPath board = given().get("/api/v1/status").then().statusCode(200).extract()
                .jsonPath();
        List<Map<String, Object>> all = board.getList("categories.components.flatten()");
        return all.stream().filter(c -> component.equals(c.get("id"))).map(c -> String.valueOf(c.get("own")))
                .findFirst().orElseThrow();
    }

    @Test
    void aSignalIsAcceptedAfterTheBrokerHasItAndMovesTheStatus() {
        String down = uid();
        try (TopicReader signals = new TopicReader(Topics.SIGNALS.name())) {
            client().body("{\"id\":\"" + down + "\",\"source\":\"nagios\",\"component\":\"ext-a\",\"state\":\"down\","
                            + "\"summary\":\"Eksporten feiler\",\"labels\":{\"site\":\"oslo\"}}")
                    .post("/api/v1/signals").then().statusCode(202)
                    .body("accepted", equalTo(1)).body("id", equalTo(down));

            ConsumerRecord<String, String> r = signals.poll().stream()
                    .filter(x -> x.value().contains(down)).findFirst().orElseThrow();
            assertEquals("ext-a", r.key());
            assertTrue(r.value().contains("\"state\":\"down\""), r.value());
            assertTrue(r.value().contains("\"sourceKey\":\"nagios:ext-a\""), r.value());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> "major_outage".equals(statusOf("ext-a")));
        // driftsweb shows what the monitor said (its snapshot follows within a second)
        await().atMost(Duration.ofSeconds(3)).until(() -> given().get("/").asString().contains("Eksporten feiler"));

        client().body("{\"source\":\"nagios\",\"component\":\"ext-a\",\"state\":\"up\"}")
                .post("/api/v1/signals").then().statusCode(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> "operational".equals(statusOf("ext-a")));
    }

    @Test
    void aBatchIsAllOrNothing() {
        String a = uid();
        String b = uid();
        try (TopicReader signals = new TopicReader(Topics.SIGNALS.name())) {
            client().body("[{\"id\":\"" + a + "\",\"source\":\"x\",\"component\":\"core\",\"state\":\"up\"},"
                            + "{\"id\":\"" + b + "\",\"source\":\"x\",\"component\":\"core\",\"state\":\"sideways\"}]")
                    .post("/api/v1/signals").then().statusCode(400)
                    .contentType(containsString("application/problem+json"))
                    .body("field", equalTo("[1].state"))
                    .body("detail", equalTo("[1].state: 'sideways' is not one of down, degraded, up"));

            client().body("[{\"id\":\"" + a + "\",\"source\":\"x\",\"component\":\"core\",\"state\":\"up\"},"
                            + "{\"id\":\"" + b + "\",\"source\":\"x\",\"component\":\"core\",\"state\":\"up\"}]")
                    .post("/api/v1/signals").then().statusCode(202).body("accepted", equalTo(2));

            await().atMost(Duration.ofSeconds(5)).until(() -> onTopic(signals, b) == 1);
            assertEquals(1, onTopic(signals, a), "the rejected batch published nothing");
        }
    }

    /**
     * A batch is written as batch records (docs/design/signal-batches.md): one record per partition, a JSON array of
     * the signals of components in that partition, keyed by the first; both consumers read them (the incident consumer
     * records every id). Each "up" comes from a source nothing has heard of, so neither status nor incidents change.
     */
    @Test
    void aBatchIsWrittenAsOneRecordPerPartitionAndEverySignalIsApplied() throws Exception {
        String run = uid();
        List<String> components = List.of("core", "app-a", "app-b", "web-a", "web-b", "web-c", "web-d", "web-e",
                "web-f", "con-a", "con-b", "con-c", "rep-a", "rep-b", "aud-a", "esc-a", "net-p", "svc-p1");
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 3 * components.size(); i++) {
            body.append(i == 0 ? "" : ",").append("{\"id\":\"").append(run).append("-").append(i)
                    .append("\",\"source\":\"batch-record-test\",\"component\":\"")
                    .append(components.get(i % components.size())).append("\",\"state\":\"up\"}");
        }
        int count = 3 * components.size();
        await().atMost(Duration.ofSeconds(30)).until(() -> publisher.knownPartitions() == Topics.SIGNALS.partitions());
        try (TopicReader signals = new TopicReader(Topics.SIGNALS.name())) {
            client().body(body.append("]").toString()).post("/api/v1/signals").then().statusCode(202)
                    .body("accepted", equalTo(count));
            await().atMost(Duration.ofSeconds(10)).until(() -> ids(signals, run).size() == count);
            List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> mine = signals.poll().stream()
                    .filter(r -> r.value().contains(run)).toList();
            assertTrue(mine.size() < count / 2, "fewer records than signals: " + mine.size());
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            for (org.apache.kafka.clients.consumer.ConsumerRecord<String, String> r : mine) {
                com.fasterxml.jackson.databind.JsonNode items = json.readTree(r.value());
                List<com.fasterxml.jackson.databind.JsonNode> list = new java.util.ArrayList<>();
                (items.isArray() ? items : json.createArrayNode().add(items)).forEach(list::add);
                assertEquals(list.get(0).get("component").asText(), r.key(), "keyed by its first component");
                for (com.fasterxml.jackson.databind.JsonNode item : list) {
                    byte[] key = item.get("component").asText().getBytes(StandardCharsets.UTF_8);
                    assertEquals(r.partition(), org.apache.kafka.common.utils.Utils.toPositive(
                            org.apache.kafka.common.utils.Utils.murmur2(key)) % Topics.SIGNALS.partitions(),
                            item + " is in the partition its component's own record would be in");
                }
            }
            List<String> order = ids(signals, run);
            for (String c : components) { // each component's signals in the order sent
                List<Integer> seq = order.stream().map(id -> Integer.parseInt(id.substring(run.length() + 1)))
                        .filter(i -> components.get(i % components.size()).equals(c)).toList();
                assertEquals(seq.stream().sorted().toList(), seq, c);
            }
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> processed(run) == count);
    }

    /** The ids of this run's signals on the topic, in partition order, each as often as it is there. */
    private static List<String> ids(TopicReader t, String run) {
        List<String> out = new java.util.ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"id\":\"(" + java.util.regex.Pattern.quote(run)
                + "-\\d+)\"").matcher(t.poll().stream().map(r -> r.value()).reduce("", String::concat));
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static long processed(String run) throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(no.nhn.driftsvakt.testing.Infra.jdbcUrl());
             java.sql.PreparedStatement ps = c.prepareStatement(
                     "SELECT count(*) FROM processed_signal WHERE signal_id LIKE ?")) {
            ps.setString(1, run + "-%");
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void aRepeatedIdIsAcceptedOnce() {
        String id = uid();
        String body = "{\"id\":\"" + id + "\",\"source\":\"x\",\"component\":\"core\",\"state\":\"up\"}";
        try (TopicReader signals = new TopicReader(Topics.SIGNALS.name())) {
            client().body(body).post("/api/v1/signals").then().statusCode(202).body("accepted", equalTo(1));
            client().body(body).post("/api/v1/signals").then().statusCode(202)
                    .body("accepted", equalTo(0)).body("duplicates", equalTo(1));

            await().atMost(Duration.ofSeconds(5)).until(() -> onTopic(signals, id) == 1);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> onTopic(signals, id) == 1);
        }
    }

    @Test
    void badRequestsGetAnErrorNamingWhatIsWrong() {
        given().contentType("application/json").body("{}").post("/api/v1/signals").then().statusCode(401);
        given().header("Authorization", "Bearer nope").contentType("application/json").body("{}")
                .post("/api/v1/signals").then().statusCode(403);
        client().body("{\"source\": \"x\",\n \"component\": }").post("/api/v1/signals").then().statusCode(400)
                .body("detail", containsString("malformed JSON at line 2, column 15"));
        client().body("{\"source\":\"x\",\"component\":\"nowhere\",\"state\":\"down\"}").post("/api/v1/signals")
                .then().statusCode(404).body("field", equalTo("component"))
                .body("detail", equalTo("component: unknown component 'nowhere'"));
        client().body("{\"source\":\"x\",\"component\":\"core\"}").post("/api/v1/signals").then().statusCode(400)
                .body("field", equalTo("state"));
        client().body("[]").post("/api/v1/signals").then().statusCode(400).body("detail", equalTo("the batch is empty"));
        given().header("Authorization", "Bearer test-ingest").contentType("text/plain").body("core down")
                .post("/api/v1/signals").then().statusCode(415).contentType(containsString("application/problem+json"))
                .body("field", equalTo("Content-Type")).body("detail", containsString("not text/plain"));
    }

    @Test
    void theSignalsEndpointIsInTheOpenApiDocument() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/v1/signals'.post.responses.'202'.description", containsString("Accepted"))
                .body("paths.'/api/v1/alertmanager'.post.summary", containsString("Alertmanager"));
    }

    @Test
    void aBodyOverOneMebibyteIsRefusedWith413() throws Exception {
        // Expect: 100-continue lets the server refuse before the body is sent, as a well-behaved client would
        java.net.http.HttpRequest req = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + io.restassured.RestAssured.port + "/api/v1/signals"))
                .header("Authorization", "Bearer test-ingest").header("Content-Type", "application/json")
                .expectContinue(true)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"source\":\"" + "x".repeat(1_100_000) + "\"}"))
                .build();
        java.net.http.HttpResponse<String> resp = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build().send(req,
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(413, resp.statusCode());
    }

    @Test
    void aBodyJustUnderOneMebibyteIsTaken() {
        // An "up" from a source nothing has heard of changes neither status nor incidents; padded to 1 MiB - 100 bytes
        String head = "{\"source\":\"boundary-test\",\"component\":\"app-a\",\"state\":\"up\"";
        String body = head + " ".repeat(1024 * 1024 - 100 - head.length() - 1) + "}";
        assertEquals(1024 * 1024 - 100, body.getBytes(StandardCharsets.UTF_8).length);
        client().body(body).post("/api/v1/signals").then().statusCode(202).body("accepted", equalTo(1));
    }

    @Test
    void anAlertmanagerWebhookBecomesSignalsAndSaysWhatItSkipped() throws Exception {
        String payload;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("alertmanager/v4-firing-and-resolved.json")) {
            payload = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (TopicReader signals = new TopicReader(Topics.SIGNALS.name())) {
            client().body(payload).post("/api/v1/alertmanager").then().statusCode(202)
                    .body("accepted", equalTo(3))
                    .body("skipped", hasSize(2))
                    .body("skipped[0].reason", equalTo("no 'component' label"))
                    .body("skipped[1].reason", equalTo("unknown component 'no-such-thing'"));

            await().atMost(Duration.ofSeconds(5)).until(() -> signals.poll().stream()
                    .anyMatch(r -> r.value().contains("\"sourceKey\":\"alertmanager:a1b2c3d4e5f60718\"")));
        }
        client().body("{\"version\":\"4\",\"alerts\":[{\"status\":\"firing\",\"labels\":{\"component\":\"x\"}}]}")
                .post("/api/v1/alertmanager").then().statusCode(404);
        client().body("{\"version\":\"3\",\"alerts\":[]}").post("/api/v1/alertmanager").then().statusCode(400)
                .body("field", equalTo("version"));
        client().body("{\"version\":\"4\"}").post("/api/v1/alertmanager").then().statusCode(400)
                .body("field", equalTo("alerts"));
        IngestCases.bodiesAreUtf8Json();
        // Alertmanager re-sends a firing alert: the same signal, accepted once
        client().body(payload).post("/api/v1/alertmanager").then().statusCode(202)
                .body("accepted", equalTo(0)).body("duplicates", equalTo(3));
        // and close the alert on app-a again
        client().body(payload.replace("\"status\": \"firing\",\n      \"labels\": { \"alertname\": \"EdiQueueStuck\"",
                "\"status\": \"resolved\",\n      \"labels\": { \"alertname\": \"EdiQueueStuck\"")
                .replace("\"startsAt\": \"2026-11-27T07:50:00.000Z\",\n      \"endsAt\": \"0001-01-01T00:00:00Z\"",
                        "\"startsAt\": \"2026-11-27T07:50:00.000Z\",\n      \"endsAt\": \"2026-11-27T07:59:00Z\""))
                .post("/api/v1/alertmanager").then().statusCode(202);
    }

    @Test
    void aThousandMalformedRequestsAreAllRejectedAndNothingGoodIsLost() {
        Set<String> good = new HashSet<>();
        String[] bad = {"{", "[1,2", "{\"source\":1}", "{\"source\":\"x\",\"component\":\"core\",\"state\":\"on\"}",
                "{\"source\":\"x\",\"component\":\"ghost\",\"state\":\"up\"}", "\"just a string\"", "[{}]",
                "{\"source\":\"x\",\"component\":\"core\",\"state\":\"up\",\"at\":\"soon\"}", "null", "{\"a\":{}}"};
        try (TopicReader signals = new TopicReader(Topics.SIGNALS.name())) {
            for (int i = 0; i < 1000; i++) {
                int status = client().body(bad[i % bad.length]).post("/api/v1/signals").statusCode();
                assertTrue(status == 400 || status == 404, "request " + i + " answered " + status);
                if (i % 10 == 0) {
                    String id = uid();
                    good.add(id);
                    client().body("{\"id\":\"" + id + "\",\"source\":\"x\",\"component\":\"core\",\"state\":\"up\"}")
                            .post("/api/v1/signals").then().statusCode(202);
                }
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                List<String> values = signals.poll().stream().map(ConsumerRecord::value).toList();
                return good.stream().allMatch(id -> values.stream().anyMatch(v -> v.contains(id)));
            });
        }
        given().get("/q/health/ready").then().statusCode(200);
        assertTrue(given().get("/q/metrics").asString().contains("driftsvakt_ingest_rejected_total{reason=\"invalid\"}"));
    }
}
