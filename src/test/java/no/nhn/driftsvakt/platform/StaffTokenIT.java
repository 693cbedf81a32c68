package no.nhn.driftsvakt.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import no.nhn.driftsvakt.console.ConsoleIT;

/** Staff API tokens in the database: an admin creates one (shown once), it works at once, revoking it stops it. */
@QuarkusTest
class StaffTokenIT {

    @Test
    void anAdminCreatesATokenThatWorksUntilItIsRevokedAndTheSecretIsNeverStored() {
        given().contentType("application/json").body(Map.of("name", "x")).post("/api/v1/admin/tokens").then()
                .statusCode(401);
        given().header("Authorization", "Bearer test-staff").contentType("application/json").body(Map.of("name", "x"))
                .post("/api/v1/admin/tokens").then().statusCode(403);
        given().header("Authorization", "Bearer test-admin").contentType("application/json")
                .body(Map.of("name", "<script>")).post("/api/v1/admin/tokens").then().statusCode(422)
                .body(containsString("name"));

        Response created = given().header("Authorization", "Bearer test-admin").contentType("application/json")
                .body(Map.of("name", "nagios-bro")).post("/api/v1/admin/tokens");
        created.then().statusCode(201);
        String token = created.jsonPath().getString("token");
        String id = created.jsonPath().getString("id");
        assertTrue(token.startsWith("dvs_") && token.length() > 40, token);

        // Works at once, and the timeline/audit name is the token's name
        given().header("Authorization", "Bearer " + token).get("/api/v1/incidents").then().statusCode(200);
        String listed = given().header("Authorization", "Bearer test-admin").get("/api/v1/admin/tokens").asString();
        assertTrue(listed.contains(id) && listed.contains("nagios-bro"), listed);
        assertFalse(listed.contains(token) || listed.contains(Tokens.sha256Hex(token)), "never the secret nor its hash");
        String audit = given().header("Authorization", "Bearer test-admin").get("/api/v1/audit?limit=200").asString();
        assertTrue(audit.contains("POST /api/v1/admin/tokens"), audit);
        assertFalse(audit.contains(token), "the audit log never holds the token");

        // Revoked: refused at once on this replica
        given().header("Authorization", "Bearer test-admin").delete("/api/v1/admin/tokens/" + id).then().statusCode(200)
                .body(containsString("revokedAt"));
        given().header("Authorization", "Bearer " + token).get("/api/v1/incidents").then().statusCode(403);
        given().header("Authorization", "Bearer test-admin").delete("/api/v1/admin/tokens/TOK-nope").then()
                .statusCode(404);
    }

    @Test
    void theConsoleTokenPageIsForAdminsAndShowsANewTokenOnce() {
        String kim = ConsoleIT.login("kim", "kim-pw");
        given().cookie("driftsvakt-konsoll", kim).get("/console/nokler").then().statusCode(403);

        String ada = ConsoleIT.login("ada", "ada-pw");
        Response page = given().cookie("driftsvakt-konsoll", ada).get("/console/nokler");
        page.then().statusCode(200).body(containsString("Lag en ny nøkkel"));
        String csrf = ConsoleIT.csrfFrom(page.asString());
        assertNotNull(csrf);
        // forged: no token
        given().cookie("driftsvakt-konsoll", ada).cookie("driftsvakt-csrf", csrf).contentType("application/x-www-form-urlencoded")
                .formParam("navn", "forged").post("/console/nokler").then().statusCode(403);

        Response made = given().cookie("driftsvakt-konsoll", ada).cookie("driftsvakt-csrf", csrf)
                .contentType("application/x-www-form-urlencoded").formParam("navn", "overvåking-2").formParam("csrf", csrf)
                .post("/console/nokler");
        made.then().statusCode(200).header("Cache-Control", "no-store");
        Matcher m = Pattern.compile("<code class=\"token\" data-token>(dvs_[A-Za-z0-9_-]+)</code>").matcher(made.asString());
        assertTrue(m.find(), made.asString());
        String token = m.group(1);
        given().header("Authorization", "Bearer " + token).get("/api/v1/incidents").then().statusCode(200);

        // shown once: the list page does not show it again
        String again = given().cookie("driftsvakt-konsoll", ada).get("/console/nokler").asString();
        assertFalse(again.contains(token));
        Matcher row = Pattern.compile("data-token-id=\"(TOK-[0-9a-f]+)\" data-active=\"true\">\\s*<td>TOK-[0-9a-f]+</td><td>overvåking-2")
                .matcher(again);
        assertTrue(row.find(), again);
        given().cookie("driftsvakt-konsoll", ada).cookie("driftsvakt-csrf", csrf).contentType("application/x-www-form-urlencoded")
                .formParam("csrf", csrf).redirects().follow(false).post("/console/nokler/" + row.group(1) + "/trekk-tilbake")
                .then().statusCode(303);
        given().header("Authorization", "Bearer " + token).get("/api/v1/incidents").then().statusCode(403);
        assertEquals(403, given().cookie("driftsvakt-konsoll", kim).get("/console/nokler").statusCode());
        given().cookie("driftsvakt-konsoll", ada).get("/console/nokler").then().body(not(containsString(token)));
    }
}
