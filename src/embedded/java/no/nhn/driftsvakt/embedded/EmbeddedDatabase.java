package no.nhn.driftsvakt.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** A real PostgreSQL server from binaries on Maven Central, with its data directory kept between runs. */
public final class EmbeddedDatabase implements AutoCloseable {

    public static final String DATABASE = "driftsvakt";
    public static final String USER = "postgres";

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * @param dataDirectory kept between runs when given; null for a fresh, temporary one
     * @param port          0 for any free port
     */
    public static EmbeddedDatabase start(Path dataDirectory, int port) throws Exception {
        EmbeddedPostgres.Builder b = EmbeddedPostgres.builder().setPGStartupWait(java.time.Duration.ofSeconds(60));
        if (dataDirectory != null) {
            Files.createDirectories(dataDirectory.getParent());
            b.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
        }
        if (port > 0) {
            b.setPort(port);
        }
        EmbeddedPostgres pg = b.start();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (!rs.next()) {
                    s.execute("CREATE DATABASE " + DATABASE);
                }
            }
        }
        return new EmbeddedDatabase(pg);
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl(USER, DATABASE);
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public void close() throws Exception {
        postgres.close();
    }
}
