package no.nhn.driftsvakt.subscriber;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The subscribe page on driftsweb: sign up, confirm with the SMS code, limited per client address. */
@QuarkusTest
class SubscribePageIT {

    @Test
    void signUpConfirmAndTheLimitPerAddress() {
        given().get("/abonner").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("Få driftsmeldinger")).body(containsString("Apotek"))
                .body(containsString("Reseptformidleren")).body(containsString("Jeg vil ha driftsmeldinger"));

        // 1: no consent ticked
        given().formParam("phone", "91234567").formParam("group", "apotek").post("/abonner").then().statusCode(400)
                .body(containsString("consent"));
        // 2: signed up
        String phone = "+479" + String.format("%07d", Math.abs(UUID.randomUUID().getMostSignificantBits() % 10_000_000));
        Response r = given().formParam("phone", phone).formParam("group", "apotek").formParam("components", "ext-b")
                .formParam("consent", "yes").post("/abonner");
        assertEquals(200, r.statusCode());
        String id = r.asString().replaceAll("(?s).*action=\"/abonner/(SUB-[0-9]+)/bekreft\".*", "$1");
        String sms = given().header("Authorization", "Bearer test-staff").get("/api/v1/notifications/outbox?subscriber="
                + id).jsonPath().getString("find { it.channel == 'sms' }.body");
        String code = sms.replaceAll(".*koden din er (\\d{6}).*", "$1");
        given().formParam("code", code).post("/abonner/" + id + "/bekreft").then().statusCode(200)
                .body(containsString("Mobilnummeret er bekreftet"));
        io.restassured.path.json.JsonPath s = given().header("Authorization", "Bearer test-staff")
                .get("/api/v1/subscribers/" + id + "/export").jsonPath();
        assertEquals("self-service", s.getString("consents[0].method"));
        assertEquals(java.util.List.of("ext-b"), s.getList("subscriber.contact.components"));
        // 3: the same number again looks the same (the page does not tell who is registered), but sends nothing
        given().formParam("phone", phone).formParam("group", "apotek").formParam("consent", "yes").post("/abonner")
                .then().statusCode(200).body(containsString("Er adressen ny hos oss")).body(not(containsString(id)));
        // 4, 5: a group outside the pilot cannot be chosen; a bad number is named
        given().formParam("phone", "91234567").formParam("group", "nope").formParam("consent", "yes").post("/abonner")
                .then().statusCode(400).body(containsString("groups"));
        given().formParam("phone", "2233").formParam("group", "apotek").formParam("consent", "yes").post("/abonner")
                .then().statusCode(400).body(containsString("phone"));
        // 6: too many from this address
        given().formParam("phone", "91234567").formParam("group", "apotek").formParam("consent", "yes").post("/abonner")
                .then().statusCode(429).header("Retry-After", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void theLimitSlides() {
        AddressRateLimit l = new AddressRateLimit(2, Duration.ofHours(1));
        Instant t = Instant.parse("2026-11-27T09:00:00Z");
        assertEquals(Duration.ZERO, l.attempt("10.0.0.1", t));
        assertEquals(Duration.ZERO, l.attempt("10.0.0.1", t.plusSeconds(60)));
        assertEquals(Duration.ofSeconds(3480), l.attempt("10.0.0.1", t.plusSeconds(120)), "until the first slides out");
        assertEquals(Duration.ZERO, l.attempt("10.0.0.2", t.plusSeconds(120)), "per address");
        assertEquals(Duration.ZERO, l.attempt("10.0.0.1", t.plusSeconds(3601)), "the first has slid out");
    }
}
