package no.nhn.driftsvakt.deploy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * For the fault suite (docs/reliability.md, deploy/cluster/fault.sh): sends {@code count} signals at {@code rate}
 * per second (up to {@code -Dfault.threads}, default 32, in flight), round-robin over the replicas, each with its own id, and retries each until a replica accepts it (202)
 * — an at-least-once producer, as a real monitor is. Then waits until PostgreSQL has processed every id and prints
 * the figures: sent, accepted, retries, processed, lost, and components with more than one open incident.
 *
 * <p>Usage: {@code FaultDriver <replica urls, comma-separated> <ingest token> <count> <rate> <jdbc url> <components>}
 */
public final class FaultDriver {

    private FaultDriver() {
    }

    public static void main(String[] args) throws Exception {
        List<String> replicas = List.of(args[0].split(","));
        String token = args[1];
        int count = Integer.parseInt(args[2]);
        int rate = Integer.parseInt(args[3]);
        String jdbc = args[4];
        List<String> components = List.of(args[5].split(","));
        String run = UUID.randomUUID().toString().substring(0, 8);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        AtomicLong retries = new AtomicLong();
        java.util.concurrent.atomic.AtomicInteger accepted = new java.util.concurrent.atomic.AtomicInteger();
        // many requests in flight, as a burst from several monitors would be; each signal retried until accepted
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
                Integer.getInteger("fault.threads", 32));
        long start = System.nanoTime();
        for (int n = 0; n < count; n++) {
            long due = start + (long) n * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            int i = n;
            pool.execute(() -> {
                String component = components.get(i % components.size());
                String state = (i / components.size()) % 2 == 0 ? "down" : "up";
                String body = "{\"id\":\"fault-" + run + "-" + i + "\",\"source\":\"fault\",\"component\":\""
                        + component + "\",\"state\":\"" + state + "\",\"summary\":\"fault suite\",\"at\":\""
                        + Instant.now() + "\"}";
                for (int attempt = 0; ; attempt++) {
                    String url = replicas.get((i + attempt) % replicas.size()) + "/api/v1/signals";
                    try {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(5)).header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 202) {
                            accepted.incrementAndGet();
                            return;
                        }
                    } catch (java.io.IOException e) {
                        // replica away: the next one
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    retries.incrementAndGet();
                    try {
                        Thread.sleep(Math.min(1000, 50L * (attempt + 1)));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            });
            if (n > 0 && n % 1000 == 0) {
                System.out.printf("  %,d sent (%,d accepted, %,d retries so far)%n", n, accepted.get(), retries.get());
            }
        }
        pool.shutdown();
        pool.awaitTermination(10, java.util.concurrent.TimeUnit.MINUTES);
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        long processed = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            processed = count(jdbc, "SELECT count(*) FROM processed_signal WHERE signal_id LIKE ?", "fault-" + run + "-%");
            if (processed >= count) {
                break;
            }
            Thread.sleep(1000);
        }
        long doubleOpen = count(jdbc, "SELECT count(*) FROM (SELECT component_id FROM incident WHERE state NOT IN "
                + "('resolved', 'closed', 'dismissed', 'auto_resolved') GROUP BY component_id HAVING count(*) > 1) x", null);
        System.out.printf("FAULT-RESULT run=%s sent=%d accepted=%d retries=%d processed=%d lost=%d "
                + "components_with_two_open_incidents=%d send_seconds=%.1f until_processed_seconds=%.1f%n", run, count,
                accepted.get(), retries.get(), processed, count - processed, doubleOpen, sendSeconds,
                (System.nanoTime() - start) / 1e9);
    }

    /** One number from the database, retried while it is away (the db-restart scenario). */
    static long count(String jdbc, String sql, String arg) throws Exception {
        for (int attempt = 0; ; attempt++) {
            try (Connection c = DriverManager.getConnection(jdbc, "postgres", "");
                 PreparedStatement ps = c.prepareStatement(sql)) {
                if (arg != null) {
                    ps.setString(1, arg);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            } catch (java.sql.SQLException e) {
                if (attempt > 60) {
                    throw e;
                }
                Thread.sleep(1000);
            }
        }
    }
}
