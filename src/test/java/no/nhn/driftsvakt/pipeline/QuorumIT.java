package no.nhn.driftsvakt.pipeline;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import no.nhn.driftsvakt.console.ConsoleIT;
import no.nhn.driftsvakt.platform.Topics;
import no.nhn.driftsvakt.probe.FailureReason;
import no.nhn.driftsvakt.probe.ProbeResult;
import no.nhn.driftsvakt.testing.Infra;

/**
 * Multi-location probing with a quorum, against the real broker and database. The catalog's {@code quo-a-http} has
 * {@code quorum: 2}; this replica probes it from location {@code local} (through the simulator), and the test plays
 * two more locations, {@code bergen} and {@code trondheim}, by publishing their results to
 * {@code driftsvakt.probe-results} (keyed by check id, like the probe engine does).
 */
@QuarkusTest
class QuorumIT {

    private static final String CHECK = "quo-a-http";
    private static final String COMPONENT = "quo-a";

    @Inject
    ObjectMapper json;

    private final AtomicBoolean bergenOk = new AtomicBoolean(true);
    private final AtomicBoolean trondheimOk = new AtomicBoolean(true);
    private ScheduledExecutorService zones;
    private KafkaProducer<String, String> producer;

    @AfterEach
    void stop() {
        given().post("/sim/quo-a/up").then().statusCode(200);
        if (zones != null) {
            zones.shutdownNow();
        }
        if (producer != null) {
            producer.close();
        }
    }

    /** The two simulated zones report every second, as their own probe replicas would (interval 2 s). */
    private void startZones() {
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", Infra.bootstrapServers(),
                "key.serializer", StringSerializer.class.getName(), "value.serializer", StringSerializer.class.getName()));
        zones = Executors.newSingleThreadScheduledExecutor();
        zones.scheduleAtFixedRate(() -> {
            publish("bergen", bergenOk.get());
            publish("trondheim", trondheimOk.get());
        }, 0, 1, TimeUnit.SECONDS);
    }

    private void publish(String location, boolean ok) {
        try {
            ProbeResult r = new ProbeResult(CHECK, COMPONENT, "http", location, ok,
                    ok ? FailureReason.NONE : FailureReason.UNEXPECTED_STATUS, 12, ok ? "HTTP 200" : "HTTP 503", null,
                    Instant.now());
            producer.send(new ProducerRecord<>(Topics.PROBE_RESULTS.name(), CHECK, json.writeValueAsString(r))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String statusOf(String component) {
        JsonPath board = given().get("/api/v1/status").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> all = board.getList("categories.components.flatten()");
        return all.stream().filter(c -> component.equals(c.get("id"))).findFirst()
                .map(c -> c.get("own") == null ? "unknown" : String.valueOf(c.get("effective")))
                .orElseThrow(() -> new AssertionError("no component " + component));
    }

    private static List<Map<String, Object>> incidents() {
        return given().header("Authorization", "Bearer test-staff").get("/api/v1/incidents?component=" + COMPONENT)
                .then().statusCode(200).extract().jsonPath().getList("$");
    }

    private static String inbox(String session) {
        return given().cookie("driftsvakt-konsoll", session).get("/console").then().statusCode(200).extract().asString();
    }

    @Test
    void oneLocationFailingIsOnlyANoteForStaffTwoMakeTheComponentDown() {
        startZones();
        await().atMost(Duration.ofSeconds(30)).until(() -> statusOf(COMPONENT).equals("operational"));
        String session = ConsoleIT.login("vera", "vera-pw");

        // When: the check fails from 'local' only (1 of 3 locations; the quorum is 2)
        given().post("/sim/quo-a/down").then().statusCode(200);

        // Then: staff see "unreachable from Local" on the console, with the probe's reason ...
        await().atMost(Duration.ofSeconds(20)).until(() -> inbox(session).contains("Utilgjengelig fra Local"));
        String page = inbox(session);
        assertTrue(page.contains("Unreachable from Local") && page.contains("quo-a-http@local")
                && page.contains("HTTP 503"), page);
        // ... while customers see the component in operation, with no problem text, and no incident is opened.
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(7))
                .until(() -> statusOf(COMPONENT).equals("operational"));
        given().get("/").then().statusCode(200).body(not(containsString("Utilgjengelig fra")));
        assertEquals(List.of(), incidents(), "no incident below the quorum");

        // When: a second location, Bergen, fails too
        bergenOk.set(false);

        // Then: the component is down, and a (suspected) incident is opened from the check
        await().atMost(Duration.ofSeconds(15)).until(() -> statusOf(COMPONENT).equals("major_outage"));
        List<Map<String, Object>> opened = await().atMost(Duration.ofSeconds(10)).until(QuorumIT::incidents,
                l -> !l.isEmpty());
        assertEquals(1, opened.size(), opened.toString());
        assertEquals("suspected", opened.get(0).get("state"));
        @SuppressWarnings("unchecked")
        Map<String, String> failing = (Map<String, String>) opened.get(0).get("failingSources");
        assertEquals(List.of(CHECK), List.copyOf(failing.keySet()), "one source: the check, judged across locations");
        assertTrue(failing.get(CHECK).contains("Nede fra Bergen og Local"), failing.toString());
        // The note is folded into the outage.
        await().atMost(Duration.ofSeconds(5)).until(() -> !inbox(session).contains("Utilgjengelig fra Local"));

        // When: Bergen recovers (1 of 3 failing again)
        bergenOk.set(true);

        // Then: the component is up again, the incident resolves itself, and 'local' is noted again
        await().atMost(Duration.ofSeconds(15)).until(() -> statusOf(COMPONENT).equals("operational"));
        await().atMost(Duration.ofSeconds(10)).until(() -> "resolved".equals(incidents().get(0).get("state")));
        await().atMost(Duration.ofSeconds(5)).until(() -> inbox(session).contains("Utilgjengelig fra Local"));

        // When: 'local' recovers as well; Then: the note goes
        given().post("/sim/quo-a/up").then().statusCode(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> !inbox(session).contains("Utilgjengelig fra"));
        assertEquals("operational", statusOf(COMPONENT));
    }
}
