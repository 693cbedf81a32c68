package no.nhn.driftsvakt.delivery;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import jakarta.mail.internet.MimeMessage;

/** E-mail through Quarkus Mailer into a real SMTP server (GreenMail): double opt-in, a notice, one-click opt-out. */
@QuarkusTest
@TestProfile(EmailDeliveryIT.Smtp.class)
class EmailDeliveryIT {

    static final int PORT = 21525;

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(PORT, "127.0.0.1", "smtp"));

    public static class Smtp implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("driftsvakt.email.provider", "smtp", "quarkus.mailer.mock", "false",
                    "quarkus.mailer.host", "127.0.0.1", "quarkus.mailer.port", String.valueOf(PORT),
                    "quarkus.mailer.start-tls", "DISABLED", "driftsvakt.public-base-url", "http://localhost:8081");
        }
    }

    static RequestSpecification staff() {
        return given().header("Authorization", "Bearer test-staff").contentType("application/json");
    }

    static List<MimeMessage> to(String address) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().contains(address);
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), regex + " in " + text);
        return m.group(1);
    }

    @Test
    void optInNoticeWithListUnsubscribeAndOneClickOptOut() throws Exception {
        String address = "farmasoyt." + UUID.randomUUID() + "@apotek.test";
        String id = staff().body("{\"email\":\"" + address + "\",\"groups\":[\"apotek\"]}").post("/api/v1/subscribers")
                .then().statusCode(201).extract().path("id");

        // The opt-in e-mail, with the link that confirms
        await().atMost(Duration.ofSeconds(10)).until(() -> to(address).size() == 1);
        MimeMessage optIn = to(address).get(0);
        assertEquals("Bekreft driftsmeldinger fra NHN", optIn.getSubject());
        String link = find(optIn.getContent().toString(), "(/bekreft/[A-Za-z0-9_-]+)");
        given().get(link).then().statusCode(200);

        // A confirmed incident on a service the group uses
        given().header("Authorization", "Bearer test-ingest").contentType("application/json")
                .body("{\"id\":\"em-" + UUID.randomUUID() + "\",\"source\":\"nagios\",\"component\":\"ext-b\","
                        + "\"state\":\"down\"}").post("/api/v1/signals").then().statusCode(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> !staff().get("/api/v1/incidents?component=ext-b&state="
                + "suspected").jsonPath().getList("id").isEmpty());
        String incident = staff().get("/api/v1/incidents?component=ext-b&state=suspected").jsonPath().getString("[0].id");
        staff().body("{\"text\":\"Resepter kan ikke hentes <nå>.\"}").post("/api/v1/incidents/" + incident + "/confirm")
                .then().statusCode(200);

        await().atMost(Duration.ofSeconds(15)).until(() -> to(address).size() == 2);
        MimeMessage notice = to(address).get(1);
        assertEquals("Driftsforstyrrelse: Reseptformidleren", notice.getSubject());
        String unsubscribe = notice.getHeader("List-Unsubscribe")[0];
        assertTrue(unsubscribe.matches("<http://localhost:8081/avmelding/[A-Za-z0-9_-]+>"), unsubscribe);
        assertEquals("List-Unsubscribe=One-Click", notice.getHeader("List-Unsubscribe-Post")[0]);
        String raw = GreenMailUtil.getWholeMessage(notice);
        assertTrue(raw.contains("text/plain") && raw.contains("text/html"), "text and HTML parts");
        assertTrue(raw.contains("&lt;n=C3=A5&gt;") || raw.contains("&lt;nå&gt;"), "the HTML escapes the staff text");

        // One click in the mail client (RFC 8058 POST) opts out
        String path = unsubscribe.substring(unsubscribe.indexOf("/avmelding/"), unsubscribe.length() - 1);
        given().contentType("application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click").post(path).then()
                .statusCode(204);
        assertEquals("OPTED_OUT", staff().get("/api/v1/subscribers/" + id).jsonPath().getString("channels.EMAIL"));

        staff().body("{}").post("/api/v1/incidents/" + incident + "/resolve").then().statusCode(200);
        Thread.sleep(3000);
        assertEquals(2, to(address).size(), "no resolved notice after the opt-out");
    }
}
