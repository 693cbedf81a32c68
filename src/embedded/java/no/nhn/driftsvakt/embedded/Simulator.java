package no.nhn.driftsvakt.embedded;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import no.nhn.driftsvakt.catalog.CatalogService;
import no.nhn.driftsvakt.catalog.CheckSpec;

/**
 * Simulated endpoints for the demo catalog: HTTP health pages under {@code /sim/{name}/health}, a TCP
 * listener standing in for the health-net SMTP relay, and a job that sends heartbeats. Each can be taken
 * down, made slow or flapping, and brought up again.
 */
@ApplicationScoped
public class Simulator {

    private static final Logger LOG = Logger.getLogger(Simulator.class);
    static final String SMTP = "helsenett-epost-smtp";
    static final String EXPORT_JOB = "adresseregisteret-eksport";

    /** How a simulated endpoint behaves. */
    public enum Mode {
        UP, DOWN, SLOW, FLAPPING
    }

    private final Map<String, Mode> modes = new ConcurrentHashMap<>();
    private final AtomicLong flapCounter = new AtomicLong();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private NetServer smtp;

    @Inject
    Vertx vertx;

    @Inject
    CatalogService catalogs;

    @ConfigProperty(name = "driftsvakt.simulator.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "driftsvakt.simulator.smtp-port", defaultValue = "20025")
    int smtpPort;

    @ConfigProperty(name = "driftsvakt.simulator.base-url")
    String baseUrl;

    void start(@Observes StartupEvent ev) {
        if (enabled) {
            listenSmtp();
            LOG.infof("Simulated endpoints at %s/sim (SMTP stand-in on port %d)", baseUrl, smtpPort);
        }
    }

    void stop(@Observes ShutdownEvent ev) {
        if (smtp != null) {
            smtp.close();
        }
    }

    public Mode mode(String name) {
        return modes.getOrDefault(name, Mode.UP);
    }

    public Map<String, Mode> all() {
        Map<String, Mode> out = new TreeMap<>();
        catalogs.current().checks().forEach(c -> {
            if (c.spec() instanceof CheckSpec.Http h && h.url().getPath().startsWith("/sim/")) {
                out.put(h.url().getPath().split("/")[2], Mode.UP);
            }
        });
        out.put(SMTP, Mode.UP);
        out.put(EXPORT_JOB, Mode.UP);
        out.putAll(modes);
        return out;
    }

    public synchronized void set(String name, Mode mode) {
        modes.put(name, mode);
        LOG.infof("Simulator: %s is now %s", name, mode);
        if (name.equals(SMTP)) {
            if (mode == Mode.DOWN && smtp != null) {
                smtp.close();
                smtp = null;
            } else if (mode != Mode.DOWN && smtp == null) {
                listenSmtp();
            }
        }
    }

    /** Whether a health request now succeeds; flapping alternates. */
    public boolean healthy(String name) {
        return switch (mode(name)) {
            case UP, SLOW -> true;
            case DOWN -> false;
            case FLAPPING -> flapCounter.incrementAndGet() % 2 == 0;
        };
    }

    private void listenSmtp() {
        smtp = vertx.createNetServer().connectHandler(socket -> socket.write("220 helsenett-epost ESMTP simulated\r\n")
                .onComplete(ar -> socket.close()));
        smtp.listen(smtpPort, "127.0.0.1").onFailure(t -> LOG.warnf("SMTP stand-in could not listen on %d: %s",
                smtpPort, t.toString()));
    }

    /** The simulated export job: pings its heartbeat check every 5 seconds unless it is down. */
    @Scheduled(every = "5s", delayed = "3s")
    void exportJob() {
        if (!enabled || mode(EXPORT_JOB) == Mode.DOWN) {
            return;
        }
        HttpRequest req = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/heartbeats/" + EXPORT_JOB))
                .header("Authorization", "Bearer demo-heartbeat").timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        http.sendAsync(req, HttpResponse.BodyHandlers.discarding()).whenComplete((r, t) -> {
            if (t != null || r.statusCode() != 202) {
                LOG.debugf("Simulated export job heartbeat not accepted: %s", t != null ? t : r.statusCode());
            }
        });
    }
}
