package no.nhn.driftsvakt.testing;

import java.util.Map;

import no.nhn.driftsvakt.embedded.EmbeddedDatabase;
import no.nhn.driftsvakt.embedded.EmbeddedKafka;

/**
 * The real Kafka broker and PostgreSQL server the integration tests talk to: started once per test JVM and
 * shared, so restarts of the service under test (other test profiles) keep their data.
 */
public final class Infra {

    private static EmbeddedKafka kafka;
    private static EmbeddedDatabase database;

    private Infra() {
    }

    public static synchronized void start() {
        if (kafka != null) {
            return;
        }
        // A broker shutting down while the JVM exits must not halt the test JVM with a non-zero code.
        org.apache.kafka.common.utils.Exit.setHaltProcedure((code, msg) -> System.err.println(
                "Kafka asked to halt (" + code + "): " + msg));
        org.apache.kafka.common.utils.Exit.setExitProcedure((code, msg) -> System.err.println(
                "Kafka asked to exit (" + code + "): " + msg));
        try {
            long t0 = System.nanoTime();
            kafka = EmbeddedKafka.start(1, null);
            database = EmbeddedDatabase.start(null, 0);
            System.out.printf("Test infrastructure: Kafka %s, PostgreSQL %s (%d ms)%n", kafka.bootstrapServers(),
                    database.jdbcUrl(), (System.nanoTime() - t0) / 1_000_000);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    database.close();
                    kafka.close();
                } catch (Exception e) {
                    System.err.println("Test infrastructure did not stop cleanly: " + e);
                }
            }));
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the test Kafka broker and PostgreSQL", e);
        }
    }

    public static String bootstrapServers() {
        start();
        return kafka.bootstrapServers();
    }

    public static String jdbcUrl() {
        start();
        return database.jdbcUrl();
    }

    /** Configuration that points the service at the shared infrastructure. */
    public static Map<String, String> config() {
        return Map.of("kafka.bootstrap.servers", bootstrapServers(), "quarkus.datasource.jdbc.url", jdbcUrl(),
                "quarkus.datasource.username", EmbeddedDatabase.USER);
    }
}
