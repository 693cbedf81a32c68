package no.nhn.driftsvakt.driftsweb;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.qute.Location;
import io.quarkus.qute.RawString;
import io.quarkus.qute.Template;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.health.SmallRyeHealthReporter;
import no.nhn.driftsvakt.catalog.Component;
import no.nhn.driftsvakt.maintenance.Maintenance;
import no.nhn.driftsvakt.maintenance.MaintenanceSchedule;
import no.nhn.driftsvakt.status.StatusBoard;
import no.nhn.driftsvakt.status.StatusChangeRepository;
import no.nhn.driftsvakt.status.StatusService;

/**
 * Driftsweb's read model: one immutable {@link Snapshot} of everything the site shows, rebuilt each second from
 * the in-memory status view and the incident feed, with the front page rendered once per language. Page views
 * read the snapshot and never touch PostgreSQL or Kafka; when either is away the last snapshot stays and says
 * how old it is. Listeners (the SSE stream) hear of every change customers can see.
 */
@ApplicationScoped
public class SiteModel {

    private static final Logger LOG = Logger.getLogger(SiteModel.class);

    /** A rendered page and its validator. */
    public record Page(byte[] body, String etag) {
    }

    /**
     * Everything driftsweb shows at one moment. {@code dataAsOf} is when the data was last known fresh;
     * {@code stale} is true when that is longer ago than the configured limit.
     */
    public record Snapshot(long version, StatusBoard.Board board, PublicFeed.Feed feed,
                           List<StatusChangeRepository.StatusChange> changes,
                           Map<String, String> names, List<Maintenance> maintenance, Instant dataAsOf,
                           boolean stale, Instant builtAt) {

        /** Maintenance not yet over and not cancelled, soonest first. */
        public List<Maintenance> plannedOrOngoing() {
            return maintenance.stream().filter(m -> m.phase(builtAt) == Maintenance.Phase.SCHEDULED
                    || m.phase(builtAt) == Maintenance.Phase.IN_PROGRESS).toList();
        }

        public boolean ongoing(Maintenance m) {
            return m.phase(builtAt) == Maintenance.Phase.IN_PROGRESS;
        }

        /** The names of a maintenance window's components. */
        public String componentNames(Maintenance m) {
            return String.join(", ", m.components().stream().map(c -> names.getOrDefault(c, c)).toList());
        }

        /** Whether the customer centre is open now (weekdays 08–16, not on public holidays). */
        public boolean centreOpen() {
            return no.nhn.driftsvakt.notify.NotifyWindow.OPENING_HOURS.isOpen(builtAt);
        }

        /** When the customer centre opens next (now, when it is open). */
        public Instant centreOpensAt() {
            return no.nhn.driftsvakt.notify.NotifyWindow.OPENING_HOURS.nextOpening(builtAt);
        }

        /** Today's public holiday, or null. */
        public no.nhn.driftsvakt.hours.NorwegianHolidays.Holiday holidayToday() {
            return no.nhn.driftsvakt.hours.NorwegianHolidays.on(builtAt.atZone(Format.OSLO).toLocalDate()).orElse(null);
        }

        /** Incidents resolved in the last 24 hours. */
        public List<PublicFeed.PublicIncident> recentlyResolved() {
            return feed.resolvedSince(builtAt.minus(java.time.Duration.ofDays(1)));
        }
    }

    @Inject
    StatusService status;

    @Inject
    PublicFeed feed;

    @Inject
    no.nhn.driftsvakt.catalog.CatalogService catalogs;

    @Inject
    StatusChangeRepository history;

    @Inject
    SiteConfig config;

    @Inject
    MaintenanceSchedule schedule;

    @Inject
    SmallRyeHealthReporter health;

    @Inject
    Clock clock;

    @Inject
    @Location("driftsweb/front.html")
    Template front;

    @Inject
    @Location("driftsweb/uptime.html")
    Template uptimeBlock;

    @Inject
    @Location("driftsweb/component.html")
    Template componentRow;

    /**
     * Each component's row as last rendered, per language, with what it was rendered from. The page is rebuilt every
     * second while probes run (every row shows its last check), but only the rows whose view changed are rendered
     * again: rendering all 1,000 rows each second cost most of a core. Only touched inside {@link #rebuild()}.
     */
    private record Row(StatusBoard.ComponentView view, byte[] bars, byte[][] pieces) {
    }

    /** Every component's row, in the order the skeleton's markers number them. */
    private record Rows(Map<String, RawString> markers, List<byte[]> parts) {
    }

    private final PageBytes pageBytes = new PageBytes();

    private final Map<Lang, Map<String, Row>> rows = new EnumMap<>(Lang.class);

    private final AtomicReference<Snapshot> snapshot = new AtomicReference<>();
    private final AtomicReference<Map<Lang, Page>> pages = new AtomicReference<>(Map.of());
    /** Pages rendered since start; each page's ETag carries its number, after this replica's random id. */
    private final java.util.concurrent.atomic.AtomicLong renders = new java.util.concurrent.atomic.AtomicLong();
    private final String instance = Long.toHexString(new java.security.SecureRandom().nextLong());
    /**
     * The uptime figures and each component's block of them, rendered by the uptime refresh and not on every rebuild:
     * under an alert storm the page is rebuilt every second, and re-rendering 1,000 × 90 bars took a third of the
     * service's CPU.
     */
    private final AtomicReference<UptimeBlocks> uptime = new AtomicReference<>(UptimeBlocks.NONE);
    private final List<LongConsumer> listeners = new CopyOnWriteArrayList<>();
    private volatile Instant healthyAt;
    private volatile boolean ready = true;
    private volatile long lastHealthCheck;
    private String shownKey = "";
    private String renderedKey = "";
    private String renderedLastChecks = "";
    private Instant renderedAt = Instant.EPOCH;

    void start(@Observes StartupEvent ev) {
        healthyAt = Instant.now(clock);
        refreshUptime(0); // nothing waits for the CPU yet
        rebuild();
    }

    public Snapshot snapshot() {
        Snapshot s = snapshot.get();
        return s != null ? s : rebuild();
    }

    /**
     * The last snapshot built, or null before the first; never builds one. For health checks: they may run while a
     * rebuild holds the lock (a rebuild itself asks for readiness), and must not wait for it.
     */
    public Snapshot current() {
        return snapshot.get();
    }

    public Page front(Lang lang) {
        Page p = pages.get().get(lang);
        if (p == null) {
            rebuild();
            p = pages.get().get(lang);
        }
        return p;
    }

    /** Calls {@code listener} with the new version after every change customers can see; returns a remover. */
    public Runnable listen(LongConsumer listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Scheduled(every = "1s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        checkHealth(Instant.now(clock)); // outside the lock: readiness checks may read this model
        rebuild();
    }

    /**
     * Daily availability changes slowly: every five minutes is enough. The blocks that changed are rendered using at
     * most a third of a core, so the signals arriving meanwhile are not held back (see {@link UptimeBlocks}).
     */
    @Scheduled(every = "5m", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshUptime() {
        refreshUptime(2);
    }

    /** @param rest see {@link UptimeBlocks#of} */
    private void refreshUptime(int rest) {
        long started = System.nanoTime();
        Instant now = Instant.now(clock);
        Instant from = now.atZone(Format.OSLO).toLocalDate().minusDays(config.uptimeDays() - 1L)
                .atStartOfDay(Format.OSLO).toInstant();
        try {
            Map<String, List<StatusChangeRepository.StatusChange>> changes = history.since(from);
            Map<String, Uptime.Bars> bars = new HashMap<>();
            for (Component c : statusCatalogComponents()) {
                bars.put(c.id(), Uptime.bars(changes.getOrDefault(c.id(), List.of()), now, Format.OSLO,
                        config.uptimeDays()));
            }
            UptimeBlocks blocks = UptimeBlocks.of(bars, uptime.get(), this::renderBlock, rest,
                    TimeUnit.NANOSECONDS::sleep, System::nanoTime);
            uptime.set(blocks);
            LOG.debugf("Uptime of %d components refreshed from %d status changes in %d ms, %d blocks rendered anew",
                    bars.size(), changes.values().stream().mapToInt(List::size).sum(),
                    (System.nanoTime() - started) / 1_000_000, blocks.rendered());
        } catch (InterruptedException e) {
            LOG.debug("Uptime refresh interrupted (shutting down), keeping the last figures");
            Thread.currentThread().interrupt();
        } catch (SQLException | RuntimeException e) {
            LOG.debugf("Uptime not refreshed, keeping the last figures: %s", e.toString());
        }
    }

    private byte[] renderBlock(Uptime.Bars bars, Lang lang) {
        return uptimeBlock.data("bars", bars).data("t", Texts.of(lang)).data("site", config).render()
                .getBytes(StandardCharsets.UTF_8);
    }

    private List<Component> statusCatalogComponents() {
        return catalogs.current().components();
    }

    synchronized Snapshot rebuild() {
        Instant now = Instant.now(clock);
        if (healthyAt == null) {
            healthyAt = now;
        }
        StatusBoard.Board board = status.board();
        PublicFeed.Feed f = feed.current();
        Instant feedAt = f.loadedAt();
        boolean fresh = ready && feedAt != null
                && feedAt.isAfter(now.minus(config.staleAfter()));
        if (fresh) {
            healthyAt = now;
        }
        boolean stale = healthyAt.isBefore(now.minus(config.staleAfter()));
        UptimeBlocks blocks = uptime.get();
        String shown = shownKey(board, f, stale) + maintenanceKey(now) + "|open="
                + no.nhn.driftsvakt.notify.NotifyWindow.OPENING_HOURS.isOpen(now);
        String rendered = shown + "|" + blocks.sequence() + "|"
                + System.identityHashCode(status.recentChanges())
                + "|" + now.truncatedTo(ChronoUnit.MINUTES);
        String lastChecks = lastCheckKey(board);
        boolean lastChecksDue = !lastChecks.equals(renderedLastChecks)
                && !now.isBefore(renderedAt.plus(config.lastCheckRefresh()));
        Snapshot old = snapshot.get();
        boolean visibleChange = old == null || !shown.equals(shownKey);
        long version = old == null ? 1 : visibleChange ? old.version() + 1 : old.version();
        List<StatusChangeRepository.StatusChange> changes = status.recentChanges();
        Map<String, String> names = new HashMap<>();
        board.components().forEach(c -> names.put(c.id(), c.name()));
        Snapshot s = new Snapshot(version, board, f, changes, names, maintenance(), healthyAt, stale, now);
        snapshot.set(s);
        if (!rendered.equals(renderedKey) || lastChecksDue || pages.get().isEmpty()) {
            Map<Lang, Page> p = new EnumMap<>(Lang.class);
            for (Lang l : Lang.values()) {
                p.put(l, render(s, l, blocks));
            }
            pages.set(p);
            renderedKey = rendered;
            renderedLastChecks = lastChecks;
            renderedAt = now;
        }
        shownKey = shown;
        if (visibleChange && old != null) {
            for (LongConsumer l : listeners) {
                try {
                    l.accept(version);
                } catch (RuntimeException e) {
                    LOG.debugf("Driftsweb listener failed: %s", e.toString());
                }
            }
        }
        return s;
    }

    private Page render(Snapshot s, Lang lang, UptimeBlocks blocks) {
        Rows rows = rowsHtml(s, lang, blocks);
        String skeleton = front.data("s", s).data("centre", s).data("lang", lang).data("t", Texts.of(lang))
                .data("site", config).data("now", s.builtAt()).data("rowsHtml", rows.markers()).render();
        byte[] body = pageBytes.assemble(skeleton, rows.parts());
        // A new validator for every render, not a hash of the page: hashing megabytes of markup took a third of
        // the rebuild while statuses change every second (bench/pipeline, JFR). A render with the same content
        // (rare: a render happens because something shown changed) only costs a client one full answer.
        // The random id keeps two replicas (or one before and after a restart) from ever giving the same ETag to
        // different pages.
        return new Page(body, "\"" + instance + "-" + s.version() + "-" + lang.code() + "-"
                + Long.toHexString(renders.incrementAndGet()) + "\"");
    }

    /**
     * Every component's row in this language, as UTF-8 bytes, and the markers the page template puts in its place. A
     * row is rendered and encoded again only when its view or uptime block changed, and then without its uptime
     * block (90 bars, most of its bytes), which the uptime refresh renders and encodes, and only when what it prints
     * changed ({@link UptimeBlocks}): in an alert storm every row changes every second, and encoding the bars again
     * took a quarter of the service's CPU (bench/kafka, JFR).
     */
    private Rows rowsHtml(Snapshot s, Lang lang, UptimeBlocks blocks) {
        Map<String, byte[]> bars = blocks.html(lang);
        Map<String, Row> cached = rows.computeIfAbsent(lang, l -> new HashMap<>());
        Map<String, Row> next = new HashMap<>();
        Map<String, RawString> markers = new HashMap<>();
        List<byte[]> parts = new java.util.ArrayList<>();
        Map<String, String> t = Texts.of(lang);
        RawString cut = new RawString(pageBytes.cut());
        for (StatusBoard.ComponentView c : s.board().components()) {
            byte[] b = bars.get(c.id());
            Row r = cached.get(c.id());
            if (r == null || r.bars() != b || !r.view().equals(c)) {
                String html = componentRow.data("c", c).data("bars", b == null ? null : cut).data("t", t)
                        .data("lang", lang).render();
                int at = html.indexOf(cut.getValue());
                if (at >= 0 && html.indexOf(cut.getValue(), at + 1) >= 0) {
                    throw new IllegalStateException("component.html prints the uptime block more than once");
                }
                r = new Row(c, b, at < 0 ? new byte[][] {html.getBytes(StandardCharsets.UTF_8)}
                        : new byte[][] {html.substring(0, at).getBytes(StandardCharsets.UTF_8), b,
                                html.substring(at + cut.getValue().length()).getBytes(StandardCharsets.UTF_8)});
            }
            next.put(c.id(), r);
            StringBuilder m = new StringBuilder();
            for (byte[] piece : r.pieces()) {
                m.append(pageBytes.marker(parts.size()));
                parts.add(piece);
            }
            markers.put(c.id(), new RawString(m.toString()));
        }
        rows.put(lang, next); // rows of components no longer in the catalog drop out
        return new Rows(markers, parts);
    }

    /** Every window except cancelled ones: the iCalendar feed shows cancellations, the pages leave them out. */
    private List<Maintenance> maintenance() {
        return schedule.all();
    }

    private String maintenanceKey(Instant now) {
        StringBuilder b = new StringBuilder("|m");
        schedule.all().forEach(m -> b.append('|').append(m.id()).append(m.phase(now)));
        return b.toString();
    }

    /** Readiness (Kafka and PostgreSQL) at most every five seconds. */
    private void checkHealth(Instant now) {
        if (now.toEpochMilli() - lastHealthCheck < 5_000) {
            return;
        }
        lastHealthCheck = now.toEpochMilli();
        try {
            ready = !health.getReadiness().isDown();
        } catch (RuntimeException e) {
            ready = false;
        }
    }

    /** What a customer can see change: statuses, incidents and their updates, known errors, staleness. */
    private static String shownKey(StatusBoard.Board board, PublicFeed.Feed f, boolean stale) {
        StringBuilder b = new StringBuilder(board.catalogVersion()).append(board.overall().wire()).append(stale);
        for (StatusBoard.ComponentView c : board.components()) {
            b.append('|').append(c.id()).append(c.known() ? c.effective().wire() : "?").append(c.affectedBy())
                    .append(c.problems());
        }
        for (PublicFeed.PublicIncident i : f.active()) {
            b.append('|').append(i.id()).append(i.state()).append(i.updates().size()).append(i.updatedAt());
        }
        f.knownErrors().forEach(k -> b.append('|').append(k.id()).append(k.updatedAt()));
        b.append('|').append(f.archive().size());
        return b.toString();
    }

    /** What else the page prints: the time of each component's last check. */
    private static String lastCheckKey(StatusBoard.Board board) {
        int h = 1;
        for (StatusBoard.ComponentView c : board.components()) {
            h = 31 * h + Objects.hashCode(c.lastCheckAt());
        }
        return Integer.toString(h);
    }
}
