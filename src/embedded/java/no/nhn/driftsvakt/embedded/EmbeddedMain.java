package no.nhn.driftsvakt.embedded;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Starts the embedded default: Kafka and PostgreSQL in this process, data under one directory
 * ({@code ./data} unless {@code DRIFTSVAKT_DATA_DIR} says otherwise), the demo catalog copied to
 * {@code <data>/catalog.yaml} on first start so it can be edited (changes are picked up without restart),
 * then the service itself.
 */
@QuarkusMain
public class EmbeddedMain {

    public static void main(String... args) throws Exception {
        long t0 = System.nanoTime();
        Path data = Path.of(System.getenv().getOrDefault("DRIFTSVAKT_DATA_DIR", "data")).toAbsolutePath();
        Files.createDirectories(data);
        Path kafkaDir = data.resolve("kafka");
        deleteRecursively(kafkaDir); // Kafka is transport here; PostgreSQL is the system of record (ADR 0002)
        Files.createDirectories(kafkaDir);
        EmbeddedKafka kafka = EmbeddedKafka.start(1, kafkaDir);
        EmbeddedDatabase db = EmbeddedDatabase.start(data.resolve("postgres"),
                Integer.parseInt(System.getenv().getOrDefault("DRIFTSVAKT_EMBEDDED_PG_PORT", "0")));
        Path catalog = data.resolve("catalog.yaml");
        if (!Files.exists(catalog)) {
            try (InputStream in = EmbeddedMain.class.getClassLoader()
                    .getResourceAsStream("catalog/demo-catalog.yaml")) {
                Files.copy(in, catalog);
            }
        }
        setIfAbsent("quarkus.profile", "embedded");
        setIfAbsent("kafka.bootstrap.servers", kafka.bootstrapServers());
        setIfAbsent("quarkus.datasource.jdbc.url", db.jdbcUrl());
        setIfAbsent("quarkus.datasource.username", EmbeddedDatabase.USER);
        setIfAbsent("driftsvakt.catalog.path", catalog.toString());
        System.out.printf("Driftsvakt embedded: Kafka %s, PostgreSQL port %d, data in %s, catalog %s (%d ms)%n",
                kafka.bootstrapServers(), db.port(), data, catalog, (System.nanoTime() - t0) / 1_000_000);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                awaitServiceStopped(); // the service's clients close before the broker and database go
                db.close();
            } catch (Exception e) {
                System.err.println("PostgreSQL did not stop cleanly: " + e);
            }
            try {
                kafka.close();
            } catch (Exception e) {
                System.err.println("Kafka did not stop cleanly: " + e);
            }
        }, "embedded-infra-shutdown"));
        Quarkus.run(args);
    }

    private static void awaitServiceStopped() throws InterruptedException {
        Thread waiter = new Thread(() -> {
            io.quarkus.runtime.Application app = io.quarkus.runtime.Application.currentApplication();
            if (app != null) {
                app.awaitShutdown();
            }
        });
        waiter.setDaemon(true);
        waiter.start();
        waiter.join(30_000);
    }

    private static void setIfAbsent(String key, String value) {
        String env = key.toUpperCase().replaceAll("[^A-Z0-9]", "_");
        if (System.getProperty(key) == null && System.getenv(env) == null) {
            System.setProperty(key, value);
        }
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
