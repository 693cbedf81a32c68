package no.nhn.driftsvakt.notify;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
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
import no.nhn.driftsvakt.platform.Topics;
import no.nhn.driftsvakt.testing.TopicReader;

/**
 * End to end through Kafka and PostgreSQL: a confirmed contact of a pilot group hears about a confirmed incident on
 * a service the group uses (SMS and e-mail), gets a public update by e-mail only, and the resolution on both; every
 * message once, each decision in the ledger, ids only on the topics.
 */
@QuarkusTest
class NotificationIT {

    @Inject
    DataSource ds;

    static RequestSpecification staff() {
        return given().header("Authorization", "Bearer test-staff").contentType("application/json");
    }

    static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), regex + " in " + text);
        return m.group(1);
    }

    static JsonPath outbox(String id) {
        return staff().get("/api/v1/notifications/outbox?subscriber=" + id).then().statusCode(200).extract().jsonPath();
    }

    /** A pharmacy contact with both channels confirmed. */
    static String confirmedContact() {
        String phone = "+479" + String.format("%07d", Math.abs(UUID.randomUUID().getMostSignificantBits() % 10_000_000));
        String id = staff().body("{\"name\":\"Apotekeren\",\"phone\":\"" + phone + "\",\"email\":\"apotek."
                        + UUID.randomUUID() + "@apotek.test\",\"groups\":[\"apotek\"]}")
                .post("/api/v1/subscribers").then().statusCode(201).extract().path("id");
        JsonPath box = outbox(id);
        String code = find(box.getString("find { it.channel == 'sms' }.body"), "koden din er (\\d{6})");
        String link = find(box.getString("find { it.channel == 'email' }.body"), "/bekreft/([A-Za-z0-9_-]+)");
        given().contentType("application/json").body("{\"code\":\"" + code + "\"}")
                .post("/api/v1/subscribers/" + id + "/confirm-sms").then().statusCode(200);
        given().get("/bekreft/" + link).then().statusCode(200);
        return id;
    }

    /** Distinct subscribers with a message of this transition on its way, sent or held for their window. */
    static long told(String incident, String transition) {
        return staff().get("/api/v1/incidents/" + incident + "/notifications?limit=10000").jsonPath()
                .getList("deliveries.findAll { it.transition == '" + transition + "' && !(it.state in ['skipped', 'suppressed', "
                        + "'dropped']) }"
                        + ".subscriberId", String.class).stream().distinct().count();
    }

    static void signal(String id, String state) {
        given().header("Authorization", "Bearer test-ingest").contentType("application/json")
                .body("{\"id\":\"" + id + "\",\"source\":\"nagios\",\"component\":\"ext-b\",\"state\":\"" + state
                        + "\",\"summary\":\"Reseptformidleren svarer ikke\"}")
                .post("/api/v1/signals").then().statusCode(202);
    }

    @Test
    void publishedUpdateAndResolvedReachAConfirmedContactOnceEach() throws Exception {
        String sub = confirmedContact();
        String other = staff().body("{\"email\":\"pending." + UUID.randomUUID() + "@apotek.test\",\"groups\":[\"apotek\"]}")
                .post("/api/v1/subscribers").then().statusCode(201).extract().path("id");
        int before = outbox(sub).getList("id").size(); // the two opt-in messages
        String incidentId;

        try (TopicReader notifications = new TopicReader(Topics.NOTIFICATIONS.name())) {
            // A suspected incident is not announced
            String sig = "nt-" + UUID.randomUUID();
            signal(sig, "down");
            await().atMost(Duration.ofSeconds(10)).until(() -> staff().get("/api/v1/incidents?component=ext-b&state=suspected")
                    .jsonPath().getList("id").size() == 1);
            String incident = staff().get("/api/v1/incidents?component=ext-b&state=suspected").jsonPath().getString("[0].id");
            incidentId = incident;
            Thread.sleep(1500);
            assertEquals(before, outbox(sub).getList("id").size(), "nothing before staff confirm it");

            // Staff preview the notice before confirming: nothing is sent
            JsonPath preview = staff().body("{\"text\":\"Resepter kan ikke hentes. Vi jobber med saken.\"}")
                    .post("/api/v1/incidents/" + incident + "/preview").then().statusCode(200).extract().jsonPath();
            assertTrue(preview.getString("nb.sms.text").startsWith("NHN driftsmelding: Feil på Reseptformidleren."));
            assertEquals(1, preview.getInt("nb.sms.segments"));
            assertEquals("Disruption: Reseptformidleren", preview.getString("en.email.subject"));
            assertTrue(preview.getString("nb.email.text").contains("Resepter kan ikke hentes."));
            // and whom confirming would tell, by the planner's dry run: the confirmed contact, not the pending one
            int now = preview.getInt("reach.now");
            assertTrue(now >= 1, preview.prettify());
            assertTrue(preview.getInt("reach.whyNot.skipped_not_confirmed") >= 1, preview.prettify());
            assertEquals(preview.getInt("reach.considered"), now + preview.getInt("reach.later")
                    + preview.getInt("reach.notTold"), preview.prettify());
            // the contact above confirmed both channels (other tests' contacts in the group may have only one)
            assertTrue(preview.getInt("reach.sms") >= 1 && preview.getInt("reach.email") >= 1, preview.prettify());
            assertTrue(preview.getInt("reach.sms") + preview.getInt("reach.email") >= now, preview.prettify());
            Thread.sleep(500);
            assertEquals(before, outbox(sub).getList("id").size(), "a preview sends nothing");

            // Confirmed with a customer text: SMS and e-mail, once each
            staff().body("{\"text\":\"Resepter kan ikke hentes. Vi jobber med saken.\"}")
                    .post("/api/v1/incidents/" + incident + "/confirm").then().statusCode(200);
            await().atMost(Duration.ofSeconds(15)).until(() -> outbox(sub).getList("id").size() == before + 2);
            JsonPath box = outbox(sub);
            String sms = box.getString("find { it.channel == 'sms' && it.notificationId > 0 }.body");
            assertTrue(sms.startsWith("NHN driftsmelding: Feil på Reseptformidleren."), sms);
            assertTrue(sms.contains("/hendelser/" + incident) && sms.endsWith("Avslutt: svar STOPP"), sms);
            String mail = box.getString("find { it.channel == 'email' && it.notificationId > 0 }.body");
            assertTrue(mail.contains("- Reseptformidleren") && mail.contains("Resepter kan ikke hentes."), mail);
            assertTrue(mail.contains("/avmelding/"), mail);
            assertEquals("Driftsforstyrrelse: Reseptformidleren",
                    box.getString("find { it.channel == 'email' && it.notificationId > 0 }.subject"));
            assertTrue(outbox(other).getList("findAll { it.notificationId > 0 }").isEmpty(),
                    "a contact who has not confirmed gets nothing");
            // the dry run's count is what the planner then did: that many subscribers got the published notice
            await().atMost(Duration.ofSeconds(15)).until(() -> told(incident, "published#1") == now);

            // A public update: e-mail only
            staff().body("{\"text\":\"Feilen er funnet hos leverandøren.\",\"isPublic\":true}")
                    .post("/api/v1/incidents/" + incident + "/updates").then().statusCode(200);
            await().atMost(Duration.ofSeconds(15)).until(() -> outbox(sub).getList("id").size() == before + 3);
            assertEquals("email", outbox(sub).getString("[0].channel"));
            assertTrue(outbox(sub).getString("[0].body").contains("Feilen er funnet hos leverandøren."));

            // Resolved: SMS and e-mail
            staff().body("{\"text\":\"Fungerer igjen.\"}").post("/api/v1/incidents/" + incident + "/resolve").then()
                    .statusCode(200);
            await().atMost(Duration.ofSeconds(15)).until(() -> outbox(sub).getList("id").size() == before + 5);
            assertTrue(outbox(sub).getList("body", String.class).stream()
                    .anyMatch(b -> b.startsWith("NHN: Reseptformidleren virker igjen.")));

            // Nothing more: repeated planning decides nothing new
            Thread.sleep(1500);
            assertEquals(before + 5, outbox(sub).getList("id").size());
            // The events carry ids, never an address
            notifications.poll().forEach(r -> assertTrue(!r.value().contains("@") && !r.value().contains("+47"),
                    r.value()));
        }

        JsonPath d = staff().get("/api/v1/incidents/" + incidentId + "/notifications").then().statusCode(200).extract()
                .jsonPath();
        assertEquals(incidentId, d.getString("subject"));
        assertEquals(List.of("sent"), d.getList("deliveries.findAll { it.subscriberId == '" + sub
                + "' && it.transition == 'resolved#1' && it.channel == 'sms' }.state"));
        assertTrue(d.getList("summary.findAll { it.state == 'sent' }.count", Integer.class).stream()
                .mapToInt(Integer::intValue).sum() >= 5);
        assertTrue(!d.prettify().contains("@") && !d.prettify().contains("+47"), "ids only");

        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT transition, channel, state, reason FROM notification WHERE subscriber_id = ? ORDER BY id")) {
            ps.setString(1, sub);
            try (ResultSet rs = ps.executeQuery()) {
                StringBuilder rows = new StringBuilder();
                while (rs.next()) {
                    rows.append(rs.getString(1)).append('/').append(rs.getString(2)).append('/').append(rs.getString(3))
                            .append('/').append(rs.getString(4)).append('\n');
                }
                assertEquals(String.join("\n", List.of(
                        "published#1/sms/sent/send", "published#1/email/sent/send",
                        "update#1/sms/suppressed/suppressed_sms_not_for_updates", "update#1/email/sent/send",
                        "resolved#1/sms/sent/send", "resolved#1/email/sent/send")) + "\n", rows.toString());
            }
        }
    }
}
