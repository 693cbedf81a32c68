package no.nhn.driftsvakt.probe;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.junit.QuarkusTest;
import no.nhn.driftsvakt.platform.Topics;
import no.nhn.driftsvakt.testing.TopicReader;

/**
 * Suppliers' own status publications as checks: a fake supplier (WireMock on port 18877) serves a Statuspage
 * summary.json and an Atom feed; what it says becomes signals from source {@code supplier-status}, status on
 * driftsweb, and incidents like NHN's own. An unreadable page changes nothing.
 */
@QuarkusTest
class SupplierCheckIT {

    static WireMockServer supplier;

    @BeforeAll
    static void start() {
        supplier = new WireMockServer(options().port(18877));
        supplier.start();
        page("operational");
        feed("Resolved: earlier problem");
    }

    @AfterAll
    static void stop() {
        supplier.stop();
    }

    static void page(String apiStatus) {
        supplier.stubFor(get(urlEqualTo("/api/v2/summary.json")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(SupplierStatusReaderTest.summary(apiStatus, "none"))));
    }

    static void feed(String title) {
        supplier.stubFor(get(urlEqualTo("/history.atom")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/atom+xml")
                .withBody(SupplierStatusReaderTest.atom(title, Instant.now().toString()))));
    }

    private static String effective(String component) {
        return given().get("/api/v2/components.json").jsonPath()
                .getString("components.find { it.id == '" + component + "' }.status");
    }

    @Test
    void whatTheSupplierSaysBecomesSignalsStatusAndIncidents() {
        await().atMost(Duration.ofSeconds(20)).until(() -> "operational".equals(effective("sup-api"))
                && "operational".equals(effective("sup-feed")));
        try (TopicReader signals = new TopicReader(Topics.SIGNALS.name())) {
            // When: the supplier's page says the API is down
            page("major_outage");
            await().atMost(Duration.ofSeconds(15)).until(() -> signals.poll().stream().anyMatch(r ->
                    r.key().equals("sup-api") && r.value().contains("\"source\":\"supplier-status\"")
                            && r.value().contains("\"state\":\"down\"") && r.value().contains("Acme: API major outage")));
            await().atMost(Duration.ofSeconds(10)).until(() -> "major_outage".equals(effective("sup-api")));
            // and a suspected incident is opened, like for NHN's own components
            await().atMost(Duration.ofSeconds(10)).until(() -> given().header("Authorization", "Bearer test-staff")
                    .get("/api/v1/incidents?component=sup-api&state=suspected").jsonPath().getList("id").size() == 1);

            // When: the page cannot be read, nothing changes
            supplier.stubFor(get(urlEqualTo("/api/v2/summary.json")).willReturn(aResponse().withStatus(503)));
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4))
                    .until(() -> "major_outage".equals(effective("sup-api")));

            // When: it degrades, then recovers
            page("degraded_performance");
            await().atMost(Duration.ofSeconds(10)).until(() -> "degraded_performance".equals(effective("sup-api")));
            page("operational");
            await().atMost(Duration.ofSeconds(10)).until(() -> "operational".equals(effective("sup-api")));

            // A feed entry without a resolution: degraded until it is resolved
            feed("API errors for some customers");
            await().atMost(Duration.ofSeconds(10)).until(() -> "degraded_performance".equals(effective("sup-feed")));
            feed("Resolved: API errors for some customers");
            await().atMost(Duration.ofSeconds(10)).until(() -> "operational".equals(effective("sup-feed")));
        }
        // Suppliers show on driftsweb as third-party components
        given().get("/").then().statusCode(200).body(org.hamcrest.Matchers.containsString("Leverandør-API"));
    }
}
