package no.nhn.driftsvakt.driftsweb;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * Driftsweb and the console in a real browser (Debian's Chromium, driven by Selenium through chromedriver): the page
 * renders, a new incident appears without a reload (server-sent events), the language switch works, script placed
 * in a component name, an incident title, an update and a workaround never runs; and staff log in, confirm a
 * suspected incident, and customers see it on driftsweb and are told by SMS.
 *
 * <p>Needs {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} ({@code .ci/run} installs them and sets
 * {@code DRIFTSVAKT_REQUIRE_BROWSER=1}, so CI fails rather than skips when they are missing; on a machine without
 * them the test is skipped).
 */
@QuarkusTest
class DriftswebBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String BASE = "http://localhost:8081";

    private static WebDriver browser;

    private static RequestSpecification staff() {
        return given().header("Authorization", "Bearer test-staff").contentType("application/json");
    }

    @BeforeAll
    static void start() throws Exception {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if ("1".equals(System.getenv("DRIFTSVAKT_REQUIRE_BROWSER"))) {
            assertTrue(present, "Chromium and chromedriver are required here: apt-get install -y chromium chromium-driver");
        }
        Assumptions.assumeTrue(present, "Chromium and chromedriver are not installed; browser test skipped");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + Files.createTempDirectory("driftsweb-chromium"),
                "--window-size=1200,900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    @Test
    void thePageRendersUpdatesLiveSwitchesLanguageAndRunsNoInjectedScript() {
        browser.get(BASE + "/?lang=nb");
        assertEquals("nb", js("return document.documentElement.lang"));
        assertTrue(browser.findElement(By.tagName("h1")).getText().contains("Driftsstatus"));
        assertTrue(browser.findElements(By.cssSelector("[data-component='core']")).size() == 1, "components render");
        // The component named with a payload shows its name as text, and the payload never ran
        assertTrue(browser.findElement(By.cssSelector("[data-component='web-x'] .name")).getText()
                .contains("<img src=x onerror="));
        assertNull(js("return window.xssName"));

        // A marker that a reload would wipe out
        js("window.notReloaded = 'yes'");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.until(d -> js("return document.readyState").equals("complete"));
        sleepForTheStream();

        // When staff confirm an incident with hostile text, it appears on the open page by itself
        String title = "Nettside H1 svarer ikke <img src=x onerror=\"window.xssTitle=1\"> " + UUID.randomUUID();
        String h1 = staff().body(Map.of("component", "web-h1", "title", title, "text",
                        "<script>window.xssUpdate=1</script>Vi undersøker"))
                .post("/api/v1/incidents").then().statusCode(201).extract().jsonPath().getString("id");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("incident-" + h1)));
        assertEquals("yes", js("return window.notReloaded"), "updated without a reload");
        assertTrue(browser.findElement(By.id("incident-" + h1)).getText().contains("<img src=x onerror="));
        assertTrue(browser.findElement(By.id("incident-" + h1)).getText().contains("<script>window.xssUpdate=1</script>"));
        assertNull(js("return window.xssTitle"));
        assertNull(js("return window.xssUpdate"));

        // A second incident behind the same hub forms a problem; its workaround, published, carries a payload too
        String h2 = staff().body(Map.of("component", "web-h2", "title", "Nettside H2 svarer ikke", "text", "Også"))
                .post("/api/v1/incidents").then().statusCode(201).extract().jsonPath().getString("id");
        String problem = await().atMost(Duration.ofSeconds(20)).until(() -> {
            List<Map<String, Object>> problems = staff().get("/api/v1/problems").jsonPath().getList("$");
            return problems.stream().filter(p -> ((List<?>) p.get("incidentIds")).containsAll(List.of(h1, h2)))
                    .map(p -> (String) p.get("id")).findFirst().orElse(null);
        }, p -> p != null);
        staff().body(Map.of("state", "known_error", "workaround", "Bruk reservelinjen <svg onload=\"window.xssWorkaround=1\">",
                "workaroundPublic", true)).post("/api/v1/problems/" + problem + "/edit").then().statusCode(200);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-problem='" + problem + "']")));
        assertTrue(browser.findElement(By.cssSelector("[data-problem='" + problem + "']")).getText()
                .contains("<svg onload="));
        assertNull(js("return window.xssWorkaround"));
        assertEquals("yes", js("return window.notReloaded"), "still the same page");

        // The language switch
        browser.findElement(By.cssSelector("a[hreflang='en']")).click();
        wait.until(d -> "en".equals(js("return document.documentElement.lang")));
        assertTrue(browser.findElement(By.tagName("h1")).getText().contains("Service status"));
        browser.get(BASE + "/");
        assertEquals("en", js("return document.documentElement.lang"), "the choice is remembered");
        browser.findElement(By.cssSelector("a[hreflang='nb']")).click();
        wait.until(d -> "nb".equals(js("return document.documentElement.lang")));

        staff().body("{\"text\":\"Rettet\"}").post("/api/v1/incidents/" + h1 + "/resolve").then().statusCode(200);
        staff().body("{\"text\":\"Rettet\"}").post("/api/v1/incidents/" + h2 + "/resolve").then().statusCode(200);
    }

    @Test
    void staffLogInConfirmASuspectedIncidentAndCustomersSeeItAndAreTold() {
        // A confirmed contact of the group that uses con-c, told around the clock
        String phone = "+479" + String.format("%07d", Math.abs(UUID.randomUUID().getMostSignificantBits() % 10_000_000));
        String sub = staff().body(Map.of("name", "Konsollkunde", "phone", phone, "groups", List.of("konsoll"),
                "window", "24/7")).post("/api/v1/subscribers").then().statusCode(201).extract().path("id");
        String opt = staff().get("/api/v1/notifications/outbox?subscriber=" + sub).jsonPath()
                .getString("find { it.channel == 'sms' }.body");
        java.util.regex.Matcher code = java.util.regex.Pattern.compile("(\\d{6})").matcher(opt);
        assertTrue(code.find(), opt);
        given().contentType("application/json").body(Map.of("code", code.group(1)))
                .post("/api/v1/subscribers/" + sub + "/confirm-sms").then().statusCode(200);
        int before = staff().get("/api/v1/notifications/outbox?subscriber=" + sub).jsonPath().getList("id").size();

        // A monitor says con-c is down: a suspected incident
        given().header("Authorization", "Bearer test-ingest").contentType("application/json")
                .body(Map.of("id", "browser-" + UUID.randomUUID(), "source", "nagios", "component", "con-c",
                        "state", "down", "summary", "Tidsavbrudd mot con-c"))
                .post("/api/v1/signals").then().statusCode(202);
        String incident = await().atMost(Duration.ofSeconds(10)).until(() -> staff()
                .get("/api/v1/incidents?component=con-c&state=suspected").jsonPath().getString("[0].id"), id -> id != null);

        // Staff log in (the console sends them to the login page first)
        browser.manage().deleteAllCookies();
        browser.get(BASE + "/console");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class); // live refresh may swap the page
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("j_username")));
        browser.findElement(By.id("j_username")).sendKeys("kim");
        browser.findElement(By.id("j_password")).sendKeys("kim-pw");
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        wait.until(d -> d.findElement(By.id("suspect-" + incident)).getText().contains("Tidsavbrudd mot con-c"));
        // the evidence names the customer group that would be told, and how many subscribers it has
        wait.until(d -> d.findElement(By.cssSelector("#suspect-" + incident + " .affected")).getText()
                .contains("Konsollkunder"));
        String reach = browser.findElement(By.cssSelector("#suspect-" + incident + " .affected"))
                .getAttribute("data-subscribers");
        org.junit.jupiter.api.Assertions.assertTrue(Long.parseLong(reach) >= 1, reach);
        // and whom confirming tells, by the planner's dry run: at least the contact confirmed above, at once
        String now = browser.findElement(By.cssSelector("#suspect-" + incident + " .reach")).getAttribute("data-now");
        org.junit.jupiter.api.Assertions.assertTrue(Long.parseLong(now) >= 1, now);

        // and confirm it with their own text, in one click
        String text = "Konsolltjeneste C er nede. Vi jobber med saken. " + UUID.randomUUID().toString().substring(0, 8);
        // (a live refresh may swap the page just before typing starts; once typing, the page is left alone)
        wait.until(d -> {
            org.openqa.selenium.WebElement box = d.findElement(By.id("tekst-" + incident));
            box.clear();
            box.sendKeys(text);
            return text.equals(box.getAttribute("value"));
        });
        browser.findElement(By.cssSelector("form[action='/console/hendelser/" + incident + "/bekreft'] button")).click();
        wait.until(ExpectedConditions.urlContains("/console?ok="));
        assertTrue(browser.findElements(By.id("suspect-" + incident)).isEmpty(), "no longer waiting");

        // Customers see it on driftsweb (the feed follows within a few seconds; the open page updates by itself)
        browser.get(BASE + "/");
        wait.until(d -> d.findElement(By.id("incident-" + incident)).getText().contains(text));
        // and the contact was told by SMS, with that text (the local outbox of a machine without Twilio)
        await().atMost(Duration.ofSeconds(20)).until(() -> staff().get("/api/v1/notifications/outbox?subscriber=" + sub)
                .jsonPath().getList("body", String.class).stream().anyMatch(b -> b.contains("Konsolltjeneste C")));
        assertTrue(staff().get("/api/v1/notifications/outbox?subscriber=" + sub).jsonPath().getList("id").size() > before);
        // and the console shows who was told
        browser.get(BASE + "/console/hendelser/" + incident);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("varsler")));
        String told = browser.findElement(By.cssSelector("section[aria-labelledby='varsler']")).getText();
        assertTrue(told.contains("published#1 sms sent 1"), "who was told: " + told);

        staff().body("{\"text\":\"Rettet\"}").post("/api/v1/incidents/" + incident + "/resolve").then().statusCode(200);
    }

    @Test
    void onAPhoneThePageFitsTheScreenAndHasOneHeadingStructure() {
        org.openqa.selenium.Dimension before = browser.manage().window().getSize();
        try {
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(375, 800));
            browser.get(BASE + "/?lang=nb");
            new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> js("return document.readyState").equals("complete"));
            long overflow = (Long) js("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertTrue(overflow <= 0, "no horizontal scrolling on a 375 px wide screen: " + overflow + " px too wide; widest: "
                    + js("return [...document.querySelectorAll('main *, header *')].filter(e => e.getBoundingClientRect()"
                    + ".right > document.documentElement.clientWidth).slice(-3).map(e => e.tagName + '.' + e.className"
                    + " + ' ' + e.textContent.slice(0, 40)).join(' | ')"));
            assertEquals(1L, js("return document.querySelectorAll('h1').length"), "one h1");
            assertTrue((Long) js("return document.querySelectorAll('main h2').length") >= 2, "a heading per section");
            assertEquals("nb", js("return document.documentElement.lang"));
            // status never by colour alone: every status pill carries text
            assertEquals(0L, js("return [...document.querySelectorAll('.pill')].filter(p => p.textContent.trim()"
                    + ".replace(/[^A-Za-zÆØÅæøå]/g, '').length === 0).length"));
        } finally {
            browser.manage().window().setSize(before);
        }
    }

    /** Gives the page's EventSource a moment to connect before the change it must see. */
    private static void sleepForTheStream() {
        try {
            Thread.sleep(1500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
