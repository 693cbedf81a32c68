package no.nhn.driftsvakt.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.Cookie;
import io.restassured.response.Response;
import no.nhn.driftsvakt.testing.FakeIdp;

/**
 * Production login: OpenID Connect's authorization-code flow against a real (fake) IdP on a socket; roles from a
 * configurable claim, mapped from the IdP's group names; machine APIs keep their bearer tokens.
 */
@QuarkusTest
@TestProfile(OidcLoginIT.Oidc.class)
class OidcLoginIT {

    public static class Oidc implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.oidc.tenant-enabled", "true", "driftsvakt.console.secure-cookies", "true",
                    "quarkus.http.auth.permission.console-oidc.enabled", "true",
                    "driftsvakt.console.roles-claim", "grupper",
                    "driftsvakt.console.oidc-roles", "NHN-Kundesenter:kundesenter,NHN-Driftsadmin:admin");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FakeIdp.class));
        }
    }

    /** Follows the code flow by hand, as a browser would; returns the cookies that make up the session. */
    private static Map<String, String> loginAs(String user, List<String> groups) {
        FakeIdp.nextLogin(user, groups);
        Map<String, String> jar = new HashMap<>();
        Response toIdp = given().redirects().follow(false).get("/console");
        assertEquals(302, toIdp.statusCode(), "an anonymous visitor is sent to the IdP");
        String idp = toIdp.getHeader("Location");
        assertTrue(idp.startsWith(FakeIdp.BASE + "/auth?"), idp);
        keep(jar, toIdp);
        Response back = given().redirects().follow(false).urlEncodingEnabled(false).get(idp);
        assertEquals(302, back.statusCode());
        Response exchanged = given().redirects().follow(false).urlEncodingEnabled(false).cookies(jar)
                .get(back.getHeader("Location"));
        assertEquals(302, exchanged.statusCode(), exchanged.asString());
        keep(jar, exchanged);
        assertTrue(jar.keySet().stream().anyMatch(k -> k.startsWith("q_session")), "an OIDC session cookie: " + jar);
        String setCookie = String.join("\n", exchanged.getHeaders().getValues("Set-Cookie")).toLowerCase();
        assertTrue(setCookie.contains("httponly") && setCookie.contains("samesite=lax") && setCookie.contains("secure"),
                setCookie);
        return jar;
    }

    private static void keep(Map<String, String> jar, Response r) {
        for (Cookie c : r.getDetailedCookies()) {
            if (c.getMaxAge() == 0 || c.getValue().isEmpty()) {
                jar.remove(c.getName());
            } else {
                jar.put(c.getName(), c.getValue());
            }
        }
    }

    @Test
    void staffLogInAtTheIdpAndGetTheRolesTheirGroupsMapTo() {
        Map<String, String> kim = loginAs("kim.oidc", List.of("NHN-Kundesenter", "Alle-ansatte"));
        given().cookies(kim).get("/console").then().statusCode(200).body(containsString("kim.oidc"))
                .body(containsString("Til bekreftelse"));
        given().cookies(kim).get("/console/nokler").then().statusCode(403);

        Map<String, String> admin = loginAs("ada.oidc", List.of("NHN-Driftsadmin"));
        Response tokens = given().cookies(admin).get("/console/nokler");
        tokens.then().statusCode(200).body(containsString("Lag en ny nøkkel"));

        // Forms still need the CSRF token under OIDC
        String csrf = ConsoleIT.csrfFrom(tokens.asString());
        assertNotNull(csrf);
        given().cookies(admin).cookie(ConsoleCsrf.COOKIE, csrf).contentType("application/x-www-form-urlencoded")
                .formParam("navn", "uten-csrf").post("/console/nokler").then().statusCode(403);
        given().cookies(admin).cookie(ConsoleCsrf.COOKIE, csrf).contentType("application/x-www-form-urlencoded")
                .formParam("navn", "med-csrf").formParam("csrf", csrf).post("/console/nokler").then().statusCode(200)
                .body(containsString("data-token"));
    }

    @Test
    void consoleCookiesAreSecureEvenOverPlainHttpBehindATlsProxy() {
        // form login (local users) still works beside OIDC; Quarkus marks its cookie Secure only on TLS connections
        Response r = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("j_username", "kim").formParam("j_password", "kim-pw").post("/j_security_check");
        String session = r.getHeaders().getValues("Set-Cookie").stream().filter(c -> c.startsWith("driftsvakt-konsoll="))
                .findFirst().orElseThrow();
        assertTrue(session.toLowerCase().contains("; secure") && session.toLowerCase().contains("httponly"), session);
        String csrf = given().cookie("driftsvakt-konsoll", r.getCookie("driftsvakt-konsoll")).cookies(loginAs("kim.oidc",
                List.of("NHN-Kundesenter"))).get("/console").getHeaders().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(ConsoleCsrf.COOKIE + "=")).findFirst().orElseThrow();
        assertTrue(csrf.toLowerCase().contains("secure"), csrf);
    }

    @Test
    void someoneWithoutAConsoleRoleIsRefusedAndMachineApisKeepTheirTokens() {
        Map<String, String> outsider = loginAs("per.oidc", List.of("Alle-ansatte"));
        given().cookies(outsider).get("/console").then().statusCode(403);
        // with a mapping, a group merely called "admin" (a claim shared with other applications) grants nothing
        Map<String, String> lookalike = loginAs("eve.oidc", List.of("admin"));
        given().cookies(lookalike).get("/console/nokler").then().statusCode(403);

        given().header("Authorization", "Bearer test-staff").get("/api/v1/incidents").then().statusCode(200);
        given().get("/api/v1/incidents").then().statusCode(401);
        given().get("/").then().statusCode(200);
    }
}
