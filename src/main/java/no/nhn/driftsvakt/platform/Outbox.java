package no.nhn.driftsvakt.platform;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The transactional outbox: a change and the event announcing it are written in one database transaction
 * ({@link #add}); a relay then publishes unpublished rows in order and marks them. Only one replica relays at a
 * time (a PostgreSQL advisory lock held for the relay's transaction). The relay runs at once after a commit
 * that added events ({@link #wake}) and every 200 ms regardless.
 */
@ApplicationScoped
public class Outbox {

    private static final Logger LOG = Logger.getLogger(Outbox.class);
    private static final long LOCK = 0x44524946L; // "DRIF"

    @Inject
    DataSource ds;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running = true;
    private KafkaProducer<String, String> producer;
    private Thread relay;

    public void add(Connection c, String topic, String key, String payload) throws SQLException {
        add(c, List.of(new Row(topic, key, payload)));
    }

    /** One event for the outbox. */
    public record Row(String topic, String key, String payload) {
    }

    /** Adds events, in this order, in one batch (one round trip per thousand). */
    public void add(Connection c, List<Row> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbox (topic, key, payload) VALUES (?,?,?)")) {
            int n = 0;
            for (Row r : rows) {
                ps.setString(1, r.topic());
                ps.setString(2, r.key());
                ps.setString(3, r.payload());
                ps.addBatch();
                if (++n % 1000 == 0) {
                    ps.executeBatch();
                }
            }
            if (n % 1000 != 0) {
                ps.executeBatch();
            }
        }
    }

    /** Adds many events to one topic in one batch (a fan-out). */
    public void addAll(Connection c, String topic, List<Map.Entry<String, String>> keyAndPayload) throws SQLException {
        add(c, keyAndPayload.stream().map(e -> new Row(topic, e.getKey(), e.getValue())).toList());
    }

    /**
     * Where the next reader of outbox events that started before this call must look from, by the database's clock
     * (which stamps {@code created_at}): the start of the oldest other transaction still running, since its events
     * may commit after this call, but at least a second back (a session the database does not show this role, e.g.
     * another role's) and at most a minute back (a transaction held open longer is a fault, not a plan). Call it before
     * reading the events, in the same transaction: a transaction that starts after it stamps its events later than
     * what it returns. Only client sessions count: autovacuum writes no events and may run for minutes.
     * Rows are not written in commit order, so a fixed overlap had to be generous (10 s) and re-read thousands of
     * events on every run in a storm. Used by the notification planner and the correlator.
     */
    public Instant horizon(Connection c) throws SQLException {
        return horizonOf(c).at();
    }

    /**
     * A horizon, and whether it was held at {@link #HORIZON_LIMIT}: then a transaction older than it is still
     * running, and what it commits may be stamped before the horizon.
     */
    public record Horizon(Instant at, boolean limited) {
    }

    /** {@link #horizon}, saying whether it was held at the limit. */
    public Horizon horizonOf(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT now(), (SELECT min(xact_start) FROM pg_stat_activity "
                + "WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid())");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            Instant now = rs.getTimestamp(1).toInstant();
            Timestamp oldest = rs.getTimestamp(2);
            Instant horizon = now.minusSeconds(1);
            if (oldest != null && oldest.toInstant().isBefore(horizon)) {
                horizon = oldest.toInstant();
            }
            if (horizon.isBefore(now.minus(HORIZON_LIMIT))) {
                LOG.warnf("A database transaction has been open since %s, over %s: the notification planner and the "
                        + "correlator do not wait for it, so an incident change it commits may not be announced or "
                        + "correlated until the incident changes again or the correlator reads all incidents anew "
                        + "(look for it in pg_stat_activity)", oldest.toInstant(), HORIZON_LIMIT);
                return new Horizon(now.minus(HORIZON_LIMIT), true);
            }
            return new Horizon(horizon, false);
        }
    }

    /** Readers wait at most this long for a transaction still running (see {@link #horizon}). */
    public static final Duration HORIZON_LIMIT = Duration.ofMinutes(1);

    /** Call after committing a transaction that added events. */
    public void wake() {
        wake.release();
    }

    void start(@Observes StartupEvent ev) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "driftsvakt-outbox-relay");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producer = new KafkaProducer<>(p);
        relay = new Thread(this::loop, "outbox-relay");
        relay.setDaemon(true);
        relay.start();
    }

    void stop(@Observes ShutdownEvent ev) {
        running = false;
        wake.release();
        try {
            relay.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }

    private void loop() {
        long backoff = 0;
        while (running) {
            try {
                wake.tryAcquire(200, TimeUnit.MILLISECONDS);
                wake.drainPermits();
                if (backoff > 0) {
                    Thread.sleep(backoff);
                }
                while (running && relayOnce() > 0) {
                    // keep going while there is a backlog
                }
                backoff = 0;
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                backoff = Math.min(5_000, Math.max(200, backoff * 2));
                LOG.warnf("Outbox relay failed, retrying in %d ms: %s", backoff, e.toString());
            }
        }
    }

    /** Published events are kept a week for inspection, then deleted. */
    @io.quarkus.scheduler.Scheduled(every = "1h", delayed = "1m",
            concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP)
    void prune() {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "DELETE FROM outbox WHERE published_at < now() - interval '7 days'")) {
            int n = ps.executeUpdate();
            if (n > 0) {
                LOG.infof("Pruned %d published outbox rows older than 7 days", n);
            }
        } catch (SQLException e) {
            LOG.debugf("Outbox not pruned: %s", e.toString());
        }
    }

    /** Publishes up to 1,000 unpublished events in order; returns how many. */
    int relayOnce() throws Exception {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
                    ps.setLong(1, LOCK);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if (!rs.getBoolean(1)) {
                            c.rollback();
                            return 0; // another replica is relaying
                        }
                    }
                }
                List<Long> ids = new ArrayList<>();
                List<Future<RecordMetadata>> sends = new ArrayList<>();
                java.sql.Timestamp oldest = null;
                try (PreparedStatement ps = c.prepareStatement("SELECT id, topic, key, payload, created_at FROM outbox "
                        + "WHERE published_at IS NULL ORDER BY id LIMIT 1000")) {
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            ids.add(rs.getLong(1));
                            sends.add(producer.send(new ProducerRecord<>(rs.getString(2), rs.getString(3),
                                    rs.getString(4))));
                            if (oldest == null) {
                                oldest = rs.getTimestamp(5);
                            }
                        }
                    }
                }
                if (ids.isEmpty()) {
                    c.rollback();
                    return 0;
                }
                for (Future<RecordMetadata> f : sends) {
                    f.get(30, TimeUnit.SECONDS);
                }
                long waited = System.currentTimeMillis() - oldest.getTime();
                if (waited >= 0) {
                    StageTimers.of(registry, "outbox_wait").record(waited, TimeUnit.MILLISECONDS);
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE outbox SET published_at = now() WHERE id = ANY (?)")) {
                    Array arr = c.createArrayOf("bigint", ids.toArray());
                    ps.setArray(1, arr);
                    ps.executeUpdate();
                }
                c.commit();
                registry.counter("driftsvakt.outbox.relayed").increment(ids.size());
                return ids.size();
            } catch (Exception e) {
                c.rollback();
                throw e;
            }
        }
    }
}
