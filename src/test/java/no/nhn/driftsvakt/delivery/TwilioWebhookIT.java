package no.nhn.driftsvakt.delivery;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** STOP through a signed inbound webhook; a forged one changes nothing. */
@QuarkusTest
class TwilioWebhookIT {

    static final String BASE = "http://localhost:8081";

    static RequestSpecification staff() {
        return given().header("Authorization", "Bearer test-staff").contentType("application/json");
    }

    /** Twilio's scheme: base64(HMAC-SHA1(auth token, URL + each parameter name and value, sorted by name)). */
    static String sign(String url, Map<String, String> params) throws Exception {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec("test-twilio-token".getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    }

    static String confirmedSmsContact(String phone) {
        String id = staff().body("{\"phone\":\"" + phone + "\",\"groups\":[\"apotek\"]}").post("/api/v1/subscribers")
                .then().statusCode(201).extract().path("id");
        String body = staff().get("/api/v1/notifications/outbox?subscriber=" + id).jsonPath()
                .getString("find { it.channel == 'sms' }.body");
        Matcher m = Pattern.compile("koden din er (\\d{6})").matcher(body);
        assertTrue(m.find(), body);
        given().contentType("application/json").body("{\"code\":\"" + m.group(1) + "\"}")
                .post("/api/v1/subscribers/" + id + "/confirm-sms").then().statusCode(200);
        return id;
    }

    static String smsState(String id) {
        return staff().get("/api/v1/subscribers/" + id).jsonPath().getString("channels.SMS");
    }

    @Test
    void aSignedStopOptsOutAndAForgedOneChangesNothing() throws Exception {
        String phone = "+479" + String.format("%07d", Math.abs(UUID.randomUUID().getMostSignificantBits() % 10_000_000));
        String id = confirmedSmsContact(phone);
        Map<String, String> params = Map.of("From", phone, "To", "+4759440000", "Body", "Stopp",
                "MessageSid", "SM" + "1".repeat(32), "AccountSid", "AC" + "2".repeat(32));

        // Forged: wrong signature, and none at all
        given().header("X-Twilio-Signature", sign(BASE + "/api/v1/twilio/inbound", Map.of("From", phone, "Body", "x")))
                .formParams(params).post("/api/v1/twilio/inbound").then().statusCode(403);
        given().formParams(params).post("/api/v1/twilio/inbound").then().statusCode(403);
        assertEquals("CONFIRMED", smsState(id));

        // Signed by Twilio
        given().header("X-Twilio-Signature", sign(BASE + "/api/v1/twilio/inbound", params)).formParams(params)
                .post("/api/v1/twilio/inbound").then().statusCode(200);
        assertEquals("OPTED_OUT", smsState(id));
        JsonPath export = staff().get("/api/v1/subscribers/" + id + "/export").jsonPath();
        assertEquals("opt-out", export.getString("consents[-1].action"));
        assertEquals("sms-stop", export.getString("consents[-1].method"));
    }

    @jakarta.inject.Inject
    javax.sql.DataSource ds;

    @Test
    void signedStatusCallbacksRecordDeliveryAndForgedOnesChangeNothing() throws Exception {
        long id;
        try (java.sql.Connection c = ds.getConnection(); java.sql.PreparedStatement ps = c.prepareStatement(
                "INSERT INTO notification (subject_id, transition, subscriber_id, channel, kind, state, reason, services, "
                        + "created_at, updated_at) VALUES (?, 'published#1', 'SUB-CB', 'sms', 'PUBLISHED', 'sent', 'send', "
                        + "'[]', now(), now()) RETURNING id")) {
            ps.setString(1, "INC-CB" + UUID.randomUUID());
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        Map<String, String> delivered = Map.of("MessageSid", "SM" + "3".repeat(32), "MessageStatus", "delivered");
        given().header("X-Twilio-Signature", "bm90IGEgc2lnbmF0dXJl").formParams(delivered)
                .post("/api/v1/twilio/status?n=" + id).then().statusCode(403);
        assertEquals("sent", state(id), "a forged receipt changes nothing");
        given().header("X-Twilio-Signature", sign(BASE + "/api/v1/twilio/status?n=" + id, delivered))
                .formParams(delivered).post("/api/v1/twilio/status?n=" + id).then().statusCode(204);
        assertEquals("delivered", state(id));
    }

    String state(long id) throws Exception {
        try (java.sql.Connection c = ds.getConnection(); java.sql.PreparedStatement ps = c.prepareStatement(
                "SELECT state FROM notification WHERE id = ?")) {
            ps.setLong(1, id);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
