package no.nhn.driftsvakt.subscriber;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** Register, double opt-in by SMS code and e-mail link, opt-out in one step, export, erasure, CSV import. */
@QuarkusTest
class SubscriberIT {

    @Inject
    DataSource ds;

    static RequestSpecification staff() {
        return given().header("Authorization", "Bearer test-staff").contentType("application/json");
    }

    static String uniquePhone() {
        return "+479" + String.format("%07d", Math.abs(UUID.randomUUID().getMostSignificantBits() % 10_000_000));
    }

    static String register(String phone, String email) {
        return staff().body("{\"name\":\"Kari Nordmann\",\"organisation\":\"Bryn legesenter\",\"phone\":\"" + phone
                        + "\",\"email\":\"" + email + "\",\"groups\":[\"legekontor\"]}")
                .post("/api/v1/subscribers").then().statusCode(201)
                .body("channels.SMS", equalTo("PENDING")).body("channels.EMAIL", equalTo("PENDING"))
                .extract().path("id");
    }

    /** The latest local-outbox message of a channel for a subscriber (what the provider would have carried). */
    static JsonPath outbox(String id) {
        return staff().get("/api/v1/notifications/outbox?subscriber=" + id).then().statusCode(200).extract().jsonPath();
    }

    static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), regex + " in " + text);
        return m.group(1);
    }

    @Test
    void doubleOptInBySmsCodeAndEmailLinkThenOptOutInOneStep() {
        String phone = uniquePhone();
        String email = "kari." + UUID.randomUUID() + "@legesenter.test";
        String id = register(phone, email);

        JsonPath box = outbox(id);
        List<String> channels = box.getList("channel");
        assertEquals(List.of("email", "sms"), channels.stream().sorted().toList());
        String smsBody = box.getString("find { it.channel == 'sms' }.body");
        assertTrue(box.getString("find { it.channel == 'sms' }.maskedAddress").startsWith("+47•"),
                "the outbox shows the number masked");
        String code = find(smsBody, "koden din er (\\d{6})");
        String link = find(box.getString("find { it.channel == 'email' }.body"), "/bekreft/([A-Za-z0-9_-]+)");

        given().contentType("application/json").body("{\"code\":\"000000\"}").post("/api/v1/subscribers/" + id
                + "/confirm-sms").then().statusCode(code.equals("000000") ? 200 : 400).body(containsString("code"));
        given().contentType("application/json").body("{\"code\":\"" + code + "\"}")
                .post("/api/v1/subscribers/" + id + "/confirm-sms").then().statusCode(200);
        given().get("/bekreft/" + link).then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("E-postadressen er bekreftet"));
        given().get("/bekreft/" + link).then().statusCode(404);

        JsonPath s = staff().get("/api/v1/subscribers/" + id).then().statusCode(200).extract().jsonPath();
        assertEquals("CONFIRMED", s.getString("channels.SMS"));
        assertEquals("CONFIRMED", s.getString("channels.EMAIL"));

        // One click on the link in any message opts out of everything
        String token = s.getString("unsubscribeToken");
        given().post("/avmelding/" + token).then().statusCode(204);
        s = staff().get("/api/v1/subscribers/" + id).then().statusCode(200).extract().jsonPath();
        assertEquals("OPTED_OUT", s.getString("channels.SMS"));
        assertEquals("OPTED_OUT", s.getString("channels.EMAIL"));
        given().get("/avmelding/not-a-token").then().statusCode(404);

        JsonPath export = staff().get("/api/v1/subscribers/" + id + "/export").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("opt-in-requested", "opt-in-requested", "opt-in-confirmed", "opt-in-confirmed",
                "opt-out", "opt-out"), export.getList("consents.action"));
        assertTrue(export.getString("consents[0].text").startsWith("Jeg vil ha driftsmeldinger"));
        assertEquals("list-unsubscribe", export.getString("consents[5].method"));
    }

    @Test
    void erasureLeavesNoPhoneNumberOrEmailAddressInTheDatabase() throws Exception {
        String phone = uniquePhone();
        String email = "ola." + UUID.randomUUID() + "@apotek.test";
        String id = register(phone, email);
        staff().delete("/api/v1/subscribers/" + id).then().statusCode(204);
        staff().delete("/api/v1/subscribers/SUB-999999").then().statusCode(404);

        try (Connection c = ds.getConnection()) {
            for (String table : List.of("subscriber", "subscriber_group", "subscription", "consent_record",
                    "consent_challenge", "notification", "local_outbox", "outbox")) {
                try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + table + " t WHERE t::text LIKE ? "
                        + "OR t::text LIKE ?")) {
                    ps.setString(1, "%" + phone.substring(3) + "%");
                    ps.setString(2, "%" + email + "%");
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        assertEquals(0, rs.getInt(1), "contact details left in " + table);
                    }
                }
            }
        }
        JsonPath export = staff().get("/api/v1/subscribers/" + id + "/export").then().statusCode(200).extract().jsonPath();
        assertNull(export.get("subscriber.contact.name"));
        assertNull(export.get("subscriber.contact.organisation"));
        assertNull(export.get("subscriber.contact.phone"));
        assertNull(export.get("subscriber.contact.email"));
        assertTrue(export.getString("subscriber.erasedAt") != null);
        assertEquals("erased", export.getString("consents[-1].action"));
    }

    @Test
    void registrationErrorsNameTheField() {
        staff().body("{\"phone\":\"22 33 44 55\",\"groups\":[\"legekontor\"]}").post("/api/v1/subscribers").then()
                .statusCode(400).body("field", equalTo("phone")).contentType(containsString("application/problem+json"));
        staff().body("{\"email\":\"a@b.test\",\"groups\":[\"nope\"]}").post("/api/v1/subscribers").then()
                .statusCode(404).body("detail", containsString("unknown customer group 'nope'"));
        given().contentType("application/json").body("{\"email\":\"a@b.test\",\"groups\":[\"legekontor\"]}")
                .post("/api/v1/subscribers").then().statusCode(401);
        String phone = uniquePhone();
        register(phone, "dup." + UUID.randomUUID() + "@x.test");
        staff().body("{\"phone\":\"" + phone + "\",\"groups\":[\"legekontor\"]}").post("/api/v1/subscribers").then()
                .statusCode(409);
    }

    @Test
    void aGroupsContactsAreImportedFromCsvWithAReportPerRow() {
        String a = uniquePhone();
        String csv = "name;phone;email\n"
                + "Lege A;" + a + ";\n"
                + "Lege B;22334455;\n"
                + "Lege C;;c." + UUID.randomUUID() + "@lege.test\n";
        JsonPath report = given().header("Authorization", "Bearer test-staff").contentType("text/csv").body(csv)
                .post("/api/v1/customer-groups/legekontor/subscribers").then().statusCode(200).extract().jsonPath();
        assertEquals(2, report.getInt("created"));
        assertEquals(1, report.getInt("refused"));
        assertEquals("row 3: phone", report.getString("errors[0].field"));
        given().header("Authorization", "Bearer test-staff").contentType("text/csv").body(csv)
                .post("/api/v1/customer-groups/nope/subscribers").then().statusCode(404);
        List<String> ids = report.getList("subscriberIds");
        assertTrue(staff().get("/api/v1/subscribers?group=legekontor").then().statusCode(200).extract().jsonPath()
                .getList("id").containsAll(ids));
    }
}
