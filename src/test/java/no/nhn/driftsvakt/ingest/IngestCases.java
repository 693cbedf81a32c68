package no.nhn.driftsvakt.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/**
 * The ingest answers both paths must give alike — the fast route ({@link IngestRouteIT}) and RESTEasy
 * ({@link IngestFallbackIT}) — so the two test classes run the very same checks.
 */
final class IngestCases {

    /** Two MiB, twice the body limit. */
    static final String TWO_MIB = "{\"source\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";

    private IngestCases() {
    }

    static RequestSpecification client() {
        return given().header("Authorization", "Bearer test-ingest").contentType("application/json");
    }

    /** 202 with the JSON body after the broker has the signal, with the headers every response carries. */
    static void aSignalIsAccepted() {
        String id = "case-" + UUID.randomUUID();
        client().body("{\"id\":\"" + id + "\",\"source\":\"x\",\"component\":\"core\",\"state\":\"up\"}")
                .post("/api/v1/signals").then().statusCode(202)
                .header("Content-Type", equalTo("application/json;charset=UTF-8"))
                .header("X-Content-Type-Options", equalTo("nosniff")).header("X-Frame-Options", equalTo("DENY"))
                .body("accepted", equalTo(1)).body("duplicates", equalTo(0)).body("id", equalTo(id));
    }

    /** 400 with a problem body naming the field. */
    static void anInvalidSignalNamesTheField() {
        client().body("{\"source\":\"x\",\"component\":\"core\",\"state\":\"sideways\"}").post("/api/v1/signals")
                .then().statusCode(400).header("Content-Type", equalTo("application/problem+json"))
                .body("field", equalTo("state")).body("status", equalTo(400))
                .body("detail", equalTo("state: 'sideways' is not one of down, degraded, up"));
    }

    /**
     * JSON is read as UTF-8 on both endpoints: another declared charset is 415, bytes that are not UTF-8 are a 400
     * that says where, as is a malformed webhook.
     *
     * @return the requests made (4)
     */
    static int bodiesAreUtf8Json() {
        for (String path : new String[] {"/api/v1/signals", "/api/v1/alertmanager"}) {
            client().contentType("application/json; charset=ISO-8859-1").body("{\"version\":\"4\",\"alerts\":[]}")
                    .post(path).then().statusCode(415).header("Content-Type", equalTo("application/problem+json"))
                    .body("field", equalTo("Content-Type")).body("detail", containsString("in UTF-8"));
        }
        byte[] notUtf8 = "{\"source\":\"x\",\"component\":\"core\",\"state\":\"up\",\"summary\":\"?\"}"
                .getBytes(StandardCharsets.UTF_8);
        notUtf8[notUtf8.length - 3] = (byte) 0xE6; // ISO-8859-1's "æ"
        client().body(notUtf8).post("/api/v1/signals").then().statusCode(400)
                .body("detail", containsString("malformed JSON at line 1, column"));
        client().body("{\"version\":\"4\",\n \"alerts\":[{\"labels\":{\"a\":}}]}").post("/api/v1/alertmanager").then()
                .statusCode(400).body("detail", containsString("malformed JSON at line 2, column 27"));
        return 4;
    }

    /** 401 with WWW-Authenticate on both endpoints, without a token. */
    static void noTokenMeans401() {
        for (String path : new String[] {"/api/v1/signals", "/api/v1/alertmanager"}) {
            given().contentType("application/json").body("{}").post(path).then().statusCode(401)
                    .header("WWW-Authenticate", equalTo("Bearer"))
                    .header("Content-Type", equalTo("application/problem+json"))
                    .body("title", equalTo("Mangler token / Missing token")).body("field", equalTo("Authorization"));
        }
    }

    /** 406 with an empty body when the client accepts no JSON (RESTEasy's answer for {@code @Produces} JSON). */
    static void anAcceptHeaderWithoutJsonMeans406() {
        client().accept("text/html").body("{}").post("/api/v1/signals").then().statusCode(406)
                .body(equalTo(""));
    }

    /**
     * Two MiB declared up front, as a well-behaved client sends it (Expect: 100-continue): refused before the body
     * is sent. Java's HttpClient (before JDK 20) hangs if that answer has a body, so it has none on either path.
     */
    static void twoMebibytesWaitingForContinue() throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/api/v1/signals"))
                .header("Authorization", "Bearer test-ingest").header("Content-Type", "application/json")
                .expectContinue(true).POST(HttpRequest.BodyPublishers.ofString(TWO_MIB)).build();
        HttpResponse<String> res = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(java.time.Duration.ofSeconds(5)).build()
                .sendAsync(req, HttpResponse.BodyHandlers.ofString()).get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(413, res.statusCode());
        assertEquals("", res.body());
    }

    /**
     * Two MiB sent at once, with its length declared or chunked (so the server learns it is too large only while
     * reading): the raw answer (status line, headers, body). The server answers and closes; the client's writes may
     * fail by then.
     */
    static String twoMebibytesSent(boolean chunked) throws Exception {
        byte[] body = TWO_MIB.getBytes(StandardCharsets.UTF_8);
        try (Socket s = new Socket("localhost", RestAssured.port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /api/v1/signals HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer test-ingest\r\n"
                    + "Content-Type: application/json\r\n"
                    + (chunked ? "Transfer-Encoding: chunked" : "Content-Length: " + body.length) + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < body.length; i += 16_384) {
                        int n = Math.min(16_384, body.length - i);
                        if (chunked) {
                            out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                        }
                        out.write(body, i, n);
                        if (chunked) {
                            out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                        }
                    }
                    if (chunked) {
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    }
                    out.flush();
                } catch (java.io.IOException e) {
                    // the server answered and closed before the rest was sent
                }
            });
            writer.start();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = in.read(buf)) >= 0;) {
                    got.write(buf, 0, n);
                }
            } catch (java.net.SocketException e) {
                // reset after the answer arrived
            }
            writer.join(10_000);
            return got.toString(StandardCharsets.UTF_8);
        }
    }
}
