package no.nhn.driftsvakt.problem;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import no.nhn.driftsvakt.platform.Topics;
import no.nhn.driftsvakt.testing.TopicReader;

/** Signals → incidents → one problem with its root cause, through Kafka and PostgreSQL; staff split and merge. */
@QuarkusTest
class ProblemIT {

    private static RequestSpecification staff() {
        return given().header("Authorization", "Bearer test-staff").contentType("application/json");
    }

    private static void signal(String component, String state, String run) {
        given().header("Authorization", "Bearer test-ingest").contentType("application/json")
                .body("{\"id\":\"" + run + "-" + component + "-" + state + "\",\"source\":\"nms\",\"component\":\""
                        + component + "\",\"state\":\"" + state + "\"}")
                .post("/api/v1/signals").then().statusCode(202);
    }

    private static JsonPath problemWith(String component) {
        List<String> ids = staff().get("/api/v1/problems?state=new").jsonPath().getList("id");
        for (String id : ids) {
            JsonPath p = staff().get("/api/v1/problems/" + id).jsonPath();
            if (p.getList("incidents.componentId").contains(component)) {
                return p;
            }
        }
        return null;
    }

    @Test
    void relatedIncidentsBecomeOneProblemRootedUpstreamAndStaffCanSplitAndMergeIt() {
        String run = "prb-" + UUID.randomUUID();
        try (TopicReader events = new TopicReader(Topics.PROBLEMS.name())) {
            // When: the network and both services on it fail
            signal("svc-x1", "down", run);
            signal("net-x", "down", run);
            signal("svc-x2", "down", run);

            // Then: one problem, rooted at the network
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                JsonPath p = problemWith("net-x");
                return p != null && p.getList("incidents").size() == 3;
            });
            JsonPath p = problemWith("net-x");
            String problem = p.getString("problem.id");
            assertEquals("net-x", p.getString("rootCauseCandidate.component"));
            assertFalse(p.getBoolean("rootCauseCandidate.suspected"));
            assertEquals("TOPOLOGY", p.getString("problem.kind"));
            // the recurrence count: the root's incidents of the last 7 days, as the recurrence rule counts them
            int netX = staff().get("/api/v1/incidents?component=net-x&limit=1000").jsonPath().getList("id").size();
            assertEquals(netX, p.getInt("recurrence.count"));
            assertTrue(netX >= 1);
            assertEquals(3, p.getInt("recurrence.threshold"));
            assertEquals(7, p.getInt("recurrence.periodDays"));
            assertEquals(List.of(problem, problem, problem), p.getList("incidents.problemId"), "incidents link back");
            assertTrue(p.getString("problem.title").startsWith("Feil i Nett X, 3 hendelser"), p.getString("problem.title"));
            await().atMost(Duration.ofSeconds(10)).until(() -> events.poll().stream()
                    .anyMatch(r -> r.key().equals(problem)));

            // When: staff split svc-x2 out
            String x2 = p.getList("incidents.findAll { it.componentId == 'svc-x2' }.id", String.class).get(0);
            String split = staff().body("{\"incidents\":[\"" + x2 + "\"]}").post("/api/v1/problems/" + problem + "/split")
                    .then().statusCode(200).body("kind", equalTo("STAFF")).extract().jsonPath().getString("id");
            assertEquals(2, staff().get("/api/v1/problems/" + problem).jsonPath().getList("problem.incidentIds").size());

            // and merge it back
            staff().body("{\"into\":\"" + problem + "\"}").post("/api/v1/problems/" + split + "/merge").then()
                    .statusCode(200);
            await().atMost(Duration.ofSeconds(5)).until(() -> staff().get("/api/v1/problems/" + problem).jsonPath()
                    .getList("problem.incidentIds").size() == 3);
            staff().get("/api/v1/problems/" + split).then().body("problem.state", equalTo("closed"))
                    .body("problem.mergedInto", equalTo(problem));

            // Problem management fields
            staff().body("{\"state\":\"known_error\",\"rootCause\":\"Defekt svitsj\",\"workaround\":\"Bruk reservelinje\","
                    + "\"workaroundPublic\":true}").post("/api/v1/problems/" + problem + "/edit").then().statusCode(200)
                    .body("state", equalTo("known_error")).body("workaroundPublic", equalTo(true));

            // When: everything recovers, each incident still gets its own resolution
            signal("net-x", "up", run);
            signal("svc-x1", "up", run);
            signal("svc-x2", "up", run);
            await().atMost(Duration.ofSeconds(10)).until(() -> staff().get("/api/v1/problems/" + problem).jsonPath()
                    .getList("incidents.state").stream().allMatch("resolved"::equals));
        }
    }

    @Test
    void problemApiErrors() {
        String run = "prb-err-" + UUID.randomUUID();
        signal("svc-y", "down", run);
        signal("net-x", "down", run);
        await().atMost(Duration.ofSeconds(15)).until(() -> problemWith("svc-y") != null);
        String id = problemWith("svc-y").getString("problem.id");
        staff().body("{\"into\":\"" + id + "\"}").post("/api/v1/problems/" + id + "/merge").then().statusCode(400)
                .body("field", equalTo("into"));
        staff().body("{}").post("/api/v1/problems/" + id + "/edit").then().statusCode(400);
        staff().body("{\"incidents\":[\"INC-000000\"]}").post("/api/v1/problems/" + id + "/split").then()
                .statusCode(400).body("field", equalTo("incidents"));
        signal("svc-y", "up", run);
        signal("net-x", "up", run);

        staff().get("/api/v1/problems/PRB-999999").then().statusCode(404);
        staff().get("/api/v1/problems?state=nope").then().statusCode(400).body("field", equalTo("state"));
        given().get("/api/v1/problems").then().statusCode(401);
    }
}
