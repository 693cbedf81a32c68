package no.nhn.driftsvakt.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import no.nhn.driftsvakt.notify.Channel;

/** SMS through the real Twilio SDK into a fake Twilio at the HTTP edge (WireMock). */
class TwilioGatewayTest {

    static final String SID = "AC" + "0123456789abcdef0123456789abcdef";
    static final String MESSAGES = "/2010-04-01/Accounts/" + SID + "/Messages.json";
    static WireMockServer fake;

    @BeforeAll
    static void start() {
        fake = new WireMockServer(options().dynamicPort());
        fake.start();
    }

    @AfterAll
    static void stop() {
        fake.stop();
    }

    @BeforeEach
    void reset() {
        fake.resetAll();
    }

    static TwilioGateway gateway(Optional<String> service, Optional<String> from) {
        return new TwilioGateway(new TwilioGateway.Settings(SID, "secret-token", service, from,
                "https://driftsvakt.nhn.no/api/v1/twilio/status", Optional.of(URI.create("http://localhost:" + fake.port()))));
    }

    static ChannelGateway.Outgoing sms(String to) {
        return new ChannelGateway.Outgoing(42, "SUB-000001", Channel.SMS, to, null,
                "NHN driftsmelding: Feil på E-resept. Vi jobber med saken.", null, null);
    }

    static String form(String body, String field) {
        for (String kv : body.split("&")) {
            String[] p = kv.split("=", 2);
            if (p[0].equals(field)) {
                return URLDecoder.decode(p[1], StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    @Test
    void sendsToFromTheMessagingServiceWithTheBodyAndStatusCallback() throws Exception {
        fake.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"sid\":\"SM0123456789abcdef0123456789abcdef\",\"status\":\"accepted\"}")));
        String sid = gateway(Optional.of("MG0123456789abcdef0123456789abcdef"), Optional.empty()).send(sms("+4791234567"));
        assertEquals("SM0123456789abcdef0123456789abcdef", sid);
        fake.verify(postRequestedFor(urlEqualTo(MESSAGES)).withHeader("Authorization", matching("Basic .+")));
        String body = fake.getAllServeEvents().get(0).getRequest().getBodyAsString();
        assertEquals("+4791234567", form(body, "To"));
        assertEquals("MG0123456789abcdef0123456789abcdef", form(body, "MessagingServiceSid"));
        assertEquals("NHN driftsmelding: Feil på E-resept. Vi jobber med saken.", form(body, "Body"));
        assertEquals("https://driftsvakt.nhn.no/api/v1/twilio/status?n=42", form(body, "StatusCallback"));
    }

    @Test
    void orFromAnAlphanumericSender() throws Exception {
        fake.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"sid\":\"SM1\"}")));
        gateway(Optional.empty(), Optional.of("NHN")).send(sms("+4791234567"));
        assertEquals("NHN", form(fake.getAllServeEvents().get(0).getRequest().getBodyAsString(), "From"));
    }

    @Test
    void anInvalidOrOptedOutNumberIsPermanentButThrottlingAndServerErrorsAreRetried() {
        fake.stubFor(post(urlEqualTo(MESSAGES)).withRequestBody(matching(".*To=%2B4790000001.*"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":21610,\"message\":\"Attempt to send to unsubscribed recipient\",\"status\":400}")));
        fake.stubFor(post(urlEqualTo(MESSAGES)).withRequestBody(matching(".*To=%2B4790000002.*"))
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":20429,\"message\":\"Too Many Requests\",\"status\":429}")));
        fake.stubFor(post(urlEqualTo(MESSAGES)).withRequestBody(matching(".*To=%2B4790000003.*"))
                .willReturn(aResponse().withStatus(503).withBody("unavailable")));
        fake.stubFor(post(urlEqualTo(MESSAGES)).withRequestBody(matching(".*To=%2B4790000004.*"))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":20429,\"message\":\"Too Many Requests\",\"status\":429}")));
        TwilioGateway g = gateway(Optional.of("MG1"), Optional.empty());
        ChannelGateway.PermanentFailure p = assertThrows(ChannelGateway.PermanentFailure.class,
                () -> g.send(sms("+4790000001")));
        assertTrue(p.getMessage().contains("21610") && !p.getMessage().contains("90000001"), p.getMessage());
        assertTrue(assertThrows(ChannelGateway.RetryableFailure.class, () -> g.send(sms("+4790000002"))).retryAfter()
                .isEmpty());
        assertThrows(ChannelGateway.RetryableFailure.class, () -> g.send(sms("+4790000003")));
        assertEquals(java.time.Duration.ofSeconds(7), assertThrows(ChannelGateway.RetryableFailure.class,
                () -> g.send(sms("+4790000004"))).retryAfter().orElseThrow(), "Twilio's Retry-After is kept");
        assertEquals(4, fake.getAllServeEvents().size(),
                "one call each: neither the SDK (5xx three times) nor HttpClient retries on its own");
    }

    static String page(String messagesJson) {
        return "{\"messages\":" + messagesJson + ",\"first_page_uri\":\"" + MESSAGES + "?PageSize=50&Page=0\","
                + "\"next_page_uri\":null,\"previous_page_uri\":null,\"uri\":\"" + MESSAGES
                + "?PageSize=50&Page=0\",\"page\":0,\"page_size\":50,\"start\":0,\"end\":1}";
    }

    @Test
    void aSendWithAnUnknownOutcomeIsLookedUpByNumberTimeAndBody() {
        fake.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(MESSAGES))
                .withQueryParam("To", equalTo("+4791234567"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(page("[{\"sid\":\"SMaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"to\":\"+4791234567\","
                                + "\"body\":\"Something else\"},{\"sid\":\"SMbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\","
                                + "\"to\":\"+4791234567\",\"body\":\"NHN driftsmelding: Feil på E-resept. Vi jobber med "
                                + "saken.\"}]"))));
        fake.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(MESSAGES))
                .withQueryParam("To", equalTo("+4799999999"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(page("[]"))));
        TwilioGateway g = gateway(Optional.of("MG1"), Optional.empty());
        java.time.Instant since = java.time.Instant.parse("2026-11-27T08:00:00Z");
        ChannelGateway.Lookup found = g.lookup(sms("+4791234567"), since);
        assertEquals(ChannelGateway.Lookup.Result.FOUND, found.result());
        assertEquals("SMbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", found.providerId());
        String query = fake.getAllServeEvents().stream().filter(e -> e.getRequest().getUrl().contains("+4791234567")
                || e.getRequest().getUrl().contains("%2B4791234567")).findFirst().orElseThrow().getRequest().getUrl();
        assertTrue(!query.contains("DateSent"), "no DateSent filter: an accepted, not yet sent message has none: "
                + query);
        assertEquals(ChannelGateway.Lookup.Result.NOT_FOUND, g.lookup(sms("+4799999999"), since).result());
        fake.resetAll();
        assertEquals(ChannelGateway.Lookup.Result.UNAVAILABLE, g.lookup(sms("+4791234567"), since).result(),
                "Twilio not answering (404 here): could not ask now, ask again later");
    }

    @Test
    void errorClassesAndBackoff() {
        assertEquals(ErrorClass.PERMANENT, ErrorClass.ofTwilio(400, 21211));
        assertEquals(ErrorClass.PERMANENT, ErrorClass.ofTwilio(400, 21614));
        assertEquals(ErrorClass.RETRY, ErrorClass.ofTwilio(429, 20429));
        assertEquals(ErrorClass.RETRY, ErrorClass.ofHttp(502));
        assertEquals(ErrorClass.RETRY, ErrorClass.ofHttp(0));
        assertEquals(ErrorClass.PERMANENT, ErrorClass.ofHttp(404));
        Backoff b = new Backoff(java.time.Duration.ofSeconds(5), java.time.Duration.ofMinutes(10));
        assertEquals(java.time.Duration.ZERO, b.delay(1, () -> 0.0));
        assertEquals(java.time.Duration.ofMillis(4999), b.delay(1, () -> 0.9998));
        assertEquals(java.time.Duration.ofSeconds(10), b.delay(3, () -> 0.5), "half of 5 s × 2²");
        assertEquals(java.time.Duration.ofMinutes(5), b.delay(30, () -> 0.5), "capped at 10 min");
    }
}
