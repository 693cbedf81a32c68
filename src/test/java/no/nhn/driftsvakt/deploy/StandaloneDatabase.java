package no.nhn.driftsvakt.deploy;

import java.nio.file.Path;

import no.nhn.driftsvakt.embedded.EmbeddedDatabase;

/**
 * For deploy/cluster/run.sh: one real PostgreSQL (Maven Central binaries) in its own process, on a fixed port and
 * data directory, so it can be stopped and started again under load with its data. Stops PostgreSQL on SIGTERM.
 * Usage: {@code StandaloneDatabase <data directory> <port>}.
 */
public final class StandaloneDatabase {

    private StandaloneDatabase() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedDatabase db = EmbeddedDatabase.start(Path.of(args[0]).toAbsolutePath(), Integer.parseInt(args[1]));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                db.close();
            } catch (Exception e) {
                System.err.println("stopping PostgreSQL: " + e);
            }
        }));
        System.out.println("postgres ready: " + db.jdbcUrl());
        Thread.currentThread().join();
    }
}
