package no.nhn.driftsvakt.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import no.nhn.driftsvakt.notify.Channel;

class WebhookGatewayTest {

    static WireMockServer receiver;
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T09:00:00Z"), ZoneOffset.UTC);

    @BeforeAll
    static void start() {
        receiver = new WireMockServer(options().dynamicPort());
        receiver.start();
        receiver.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(204)));
        receiver.stubFor(post(urlEqualTo("/gone")).willReturn(aResponse().withStatus(410)));
        receiver.stubFor(post(urlEqualTo("/busy")).willReturn(aResponse().withStatus(503)));
    }

    @AfterAll
    static void stop() {
        receiver.stop();
    }

    static ChannelGateway.Outgoing to(String path) {
        return new ChannelGateway.Outgoing(7, "SUB-000009", Channel.WEBHOOK, "http://localhost:" + receiver.port() + path,
                null, "{\"subject\":\"PRB-000001\",\"kind\":\"published\",\"services\":[\"e-resept\"]}", null, null);
    }

    @Test
    void theBodyIsSignedWithTheSubscribersSecretAndATimestamp() throws Exception {
        WebhookGateway g = new WebhookGateway(id -> "s3cret-" + id, CLOCK);
        g.send(to("/hook"));
        LoggedRequest r = receiver.getAllServeEvents().stream().filter(e -> e.getRequest().getUrl().equals("/hook"))
                .findFirst().orElseThrow().getRequest();
        String body = r.getBodyAsString();
        long t = CLOCK.instant().getEpochSecond();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("s3cret-SUB-000009".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "t=" + t + ",v1=" + HexFormat.of().formatHex(mac.doFinal((t + "." + body)
                .getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, r.getHeader(WebhookGateway.SIGNATURE_HEADER), "a receiver can verify it");
        assertEquals("application/json", r.getHeader("Content-Type"));
        assertEquals("7", r.getHeader("X-Driftsvakt-Delivery"));
    }

    @Test
    void goneIsPermanentAndBusyIsRetried() {
        WebhookGateway g = new WebhookGateway(id -> "k", CLOCK);
        assertThrows(ChannelGateway.PermanentFailure.class, () -> g.send(to("/gone")));
        assertThrows(ChannelGateway.RetryableFailure.class, () -> g.send(to("/busy")));
        ChannelGateway.Outgoing nowhere = new ChannelGateway.Outgoing(8, "SUB-1", Channel.WEBHOOK,
                "http://localhost:1/nothing", null, "{}", null, null);
        assertThrows(ChannelGateway.RetryableFailure.class, () -> g.send(nowhere));
    }
}
