package no.nhn.driftsvakt.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Holds the catalog in force. Loads it at start-up (an invalid catalog stops the start with every problem
 * listed), reloads it when the file changes or on request, and keeps the old catalog when a new one is invalid.
 */
@ApplicationScoped
public class CatalogService {

    private static final Logger LOG = Logger.getLogger(CatalogService.class);
    static final String DEMO_RESOURCE = "catalog/demo-catalog.yaml";

    private final CatalogConfig config;
    private final Config mpConfig;
    private final Event<CatalogChanged> changed;
    private final AtomicReference<Catalog> current = new AtomicReference<>();
    private final AtomicReference<ReloadOutcome> lastOutcome = new AtomicReference<>();
    private volatile String lastText;

    /** The result of the most recent load or reload attempt. */
    public record ReloadOutcome(Instant at, boolean applied, String version, List<CatalogProblem> problems) {
    }

    @Inject
    public CatalogService(CatalogConfig config, Config mpConfig, Event<CatalogChanged> changed) {
        this.config = config;
        this.mpConfig = mpConfig;
        this.changed = changed;
    }

    /** Loads the catalog before anything else starts; an invalid one stops the start with every problem. */
    void onStart(@Observes @Priority(0) StartupEvent ev) {
        current();
    }

    /** The catalog in force; loads it on first use. */
    public Catalog current() {
        Catalog c = current.get();
        if (c == null) {
            synchronized (this) {
                if (current.get() == null) {
                    String text = read();
                    Catalog loaded = parse(text);
                    lastText = text;
                    current.set(loaded);
                    lastOutcome.set(new ReloadOutcome(Instant.now(), true, loaded.version(), List.of()));
                    LOG.infof("Catalog loaded from %s: version %s, %d components, %d checks, %d customer groups",
                            loaded.source(), loaded.version(), loaded.components().size(), loaded.checks().size(),
                            loaded.customerGroups().size());
                }
                c = current.get();
            }
        }
        return c;
    }

    public Optional<ReloadOutcome> lastOutcome() {
        return Optional.ofNullable(lastOutcome.get());
    }

    /** Where the catalog is read from: the configured file, or the bundled demo. */
    public String source() {
        return isFile() ? config.path().get() : "classpath:" + resource();
    }

    /**
     * Reads and validates the catalog again; swaps it in when valid, keeps the one in force when not.
     *
     * @return the outcome, with every problem when the new catalog was rejected
     */
    public synchronized ReloadOutcome reload() {
        Catalog before = current();
        String text;
        try {
            text = read();
        } catch (CatalogException e) {
            return reject(e);
        }
        if (text.equals(lastText)) {
            // Unchanged since the last attempt: that attempt's verdict still holds (a file rejected a moment ago
            // is still rejected, even when the file watch and an admin reload race on the same change).
            ReloadOutcome last = lastOutcome.get();
            if (last != null && !last.problems().isEmpty()) {
                return last;
            }
            ReloadOutcome same = new ReloadOutcome(Instant.now(), false, before.version(), List.of());
            lastOutcome.set(same);
            return same;
        }
        Catalog next;
        try {
            next = parse(text);
        } catch (CatalogException e) {
            lastText = text;
            return reject(e);
        }
        lastText = text;
        current.set(next);
        ReloadOutcome ok = new ReloadOutcome(Instant.now(), true, next.version(), List.of());
        lastOutcome.set(ok);
        LOG.infof("Catalog reloaded from %s: version %s -> %s, %d components, %d checks", next.source(),
                before.version(), next.version(), next.components().size(), next.checks().size());
        changed.fire(new CatalogChanged(before, next));
        return ok;
    }

    private ReloadOutcome reject(CatalogException e) {
        ReloadOutcome bad = new ReloadOutcome(Instant.now(), false, current.get().version(), e.problems());
        lastOutcome.set(bad);
        LOG.errorf("Catalog change rejected, keeping version %s. %s", current.get().version(), e.getMessage());
        return bad;
    }

    /** Polls the catalog file; a changed content triggers {@link #reload()}. */
    @Scheduled(every = "${driftsvakt.catalog.watch-interval:5s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void watch() {
        if (!isFile() || current.get() == null) {
            return;
        }
        try {
            String text = read();
            if (!text.equals(lastText)) {
                LOG.infof("Catalog file %s changed; reloading", config.path().get());
                reload();
            }
        } catch (CatalogException e) {
            LOG.debugf("Catalog file not readable right now: %s", e.getMessage());
        }
    }

    private Catalog parse(String text) {
        return CatalogParser.parse(source(), text, key -> mpConfig.getOptionalValue(key, String.class));
    }

    private boolean isFile() {
        return config.path().isPresent() && !config.path().get().startsWith("classpath:");
    }

    private String resource() {
        return config.path().filter(p -> p.startsWith("classpath:")).map(p -> p.substring("classpath:".length()))
                .orElse(DEMO_RESOURCE);
    }

    private String read() {
        if (isFile()) {
            Path p = Path.of(config.path().get());
            try {
                return Files.readString(p, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new CatalogException(List.of(new CatalogProblem(p.toString(), 0, "(file)",
                        "cannot read the catalog file: " + e)));
            }
        }
        String resource = resource();
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new CatalogException(List.of(new CatalogProblem(resource, 0, "(file)",
                        "the catalog resource is missing from the classpath")));
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CatalogException(List.of(new CatalogProblem(resource, 0, "(file)", e.toString())));
        }
    }
}
