package no.nhn.driftsvakt.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PfxOptions;
import no.nhn.driftsvakt.catalog.Check;
import no.nhn.driftsvakt.catalog.CheckSpec;

/**
 * Real TLS handshakes against a local HTTPS server whose certificate expires in 5 days: the probe reads the
 * certificate, warns within the warning period, and refuses an untrusted certificate.
 */
class HttpsProbeIT {

    private static Vertx vertx;
    private static HttpServer server;
    private static Path caPem;

    @BeforeAll
    static void httpsServer() throws Exception {
        Path dir = Files.createTempDirectory("driftsvakt-tls");
        Path keystore = dir.resolve("server.p12");
        caPem = dir.resolve("ca.pem");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(keytool, "-genkeypair", "-alias", "srv", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "5", "-keystore", keystore.toString(),
                "-storetype", "PKCS12", "-storepass", "secret", "-keypass", "secret");
        run(keytool, "-exportcert", "-rfc", "-alias", "srv", "-keystore", keystore.toString(), "-storepass",
                "secret", "-file", caPem.toString());
        vertx = Vertx.vertx();
        server = vertx.createHttpServer(new HttpServerOptions().setSsl(true)
                        .setKeyCertOptions(new PfxOptions().setPath(keystore.toString()).setPassword("secret")))
                .requestHandler(r -> r.response().end("{\"status\":\"ok\"}"))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + ": " + out);
        }
    }

    @AfterAll
    static void stop() {
        vertx.close();
    }

    private static ProbeOutcome probe(Optional<String> ca, int warnDays) throws Exception {
        CheckSpec.Http spec = new CheckSpec.Http(URI.create("https://localhost:" + server.actualPort() + "/health"),
                "GET", Map.of(), Set.of(200), Optional.of("ok"), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), warnDays, false, ca);
        Check check = new Check("tls-check", "comp", Duration.ofSeconds(30), Duration.ofSeconds(5), 3, 2, spec);
        HttpProber prober = new HttpProber(vertx, Clock.systemUTC(), config());
        try {
            return prober.probe(check).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } finally {
            prober.close();
        }
    }

    @Test
    void aCertificateExpiringWithinTheWarningPeriodFailsTheCheckWithDaysLeft() throws Exception {
        ProbeOutcome o = probe(Optional.of(caPem.toString()), 14);

        assertEquals(FailureReason.TLS_EXPIRING, o.reason(), o.detail());
        assertTrue(o.certDaysLeft() == 4 || o.certDaysLeft() == 5, "days left: " + o.certDaysLeft());
        assertTrue(o.detail().startsWith("certificate expires in"), o.detail());
    }

    @Test
    void aTrustedCertificateOutsideTheWarningPeriodPasses() throws Exception {
        ProbeOutcome o = probe(Optional.of(caPem.toString()), 3);

        assertTrue(o.ok(), o.detail());
    }

    @Test
    void anUntrustedCertificateIsATlsError() throws Exception {
        ProbeOutcome o = probe(Optional.empty(), 14);

        assertEquals(FailureReason.TLS_ERROR, o.reason(), o.detail());
    }

    private static ProbeConfig config() {
        return new ProbeConfig() {
            public boolean enabled() {
                return true;
            }

            public String location() {
                return "test";
            }

            public java.util.Optional<java.util.List<String>> locations() {
                return java.util.Optional.empty();
            }

            public Duration tick() {
                return Duration.ofMillis(100);
            }

            public int maxInFlight() {
                return 100;
            }

            public Duration sessionTimeout() {
                return Duration.ofSeconds(10);
            }

            public String userAgent() {
                return "test";
            }

            public int maxBodyBytes() {
                return 65536;
            }
        };
    }

}
