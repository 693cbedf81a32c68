package no.nhn.driftsvakt.bench;

import java.nio.file.Files;
import java.nio.file.Path;

import no.nhn.driftsvakt.embedded.EmbeddedDatabase;
import no.nhn.driftsvakt.embedded.EmbeddedKafka;

/**
 * For benchmarks: a real Kafka broker and PostgreSQL in their own process, so the service under measurement
 * runs as the production artifact and its CPU is its own. Writes their addresses as shell variables to the
 * file given as the first argument, then runs until killed.
 */
public final class BenchInfra {

    private BenchInfra() {
    }

    public static void main(String[] args) throws Exception {
        org.apache.kafka.common.utils.Exit.setHaltProcedure((c, m) -> { });
        EmbeddedKafka kafka = EmbeddedKafka.start(1, null);
        EmbeddedDatabase db = EmbeddedDatabase.start(null, 0);
        Files.writeString(Path.of(args[0]), "KAFKA_BOOTSTRAP_SERVERS=" + kafka.bootstrapServers() + "\n"
                + "QUARKUS_DATASOURCE_JDBC_URL='" + db.jdbcUrl() + "'\n"
                + "QUARKUS_DATASOURCE_USERNAME=" + EmbeddedDatabase.USER + "\n");
        System.out.println("bench infra ready: " + kafka.bootstrapServers() + " " + db.jdbcUrl());
        Thread.currentThread().join();
    }
}
