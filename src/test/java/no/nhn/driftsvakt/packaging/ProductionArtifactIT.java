package no.nhn.driftsvakt.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;

/** The production artifact carries no Kafka broker, no embedded PostgreSQL and no embedded launcher. */
class ProductionArtifactIT {

    static final Path APP = Path.of(System.getProperty("driftsvakt.app.dir", "target/quarkus-app"));

    private static final Pattern FORBIDDEN = Pattern.compile(
            "(org\\.apache\\.kafka\\.kafka_2\\.13|org\\.apache\\.kafka\\.kafka-(server|raft|metadata|storage|"
                    + "group-coordinator|share-coordinator|transaction-coordinator|test-common)[^/]*|"
                    + "io\\.zonky\\.test\\.)[^/]*\\.jar");

    @Test
    void noBrokerOrEmbeddedDatabaseLibraries() throws IOException {
        Path lib = APP.resolve("lib/main");
        assertTrue(Files.isDirectory(lib), "package first: " + lib);
        List<String> jars;
        try (Stream<Path> s = Files.list(lib)) {
            jars = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        List<String> forbidden = jars.stream().filter(j -> FORBIDDEN.matcher(j).matches()).toList();

        assertEquals(List.of(), forbidden, "broker or embedded database code in the production artifact");
        assertTrue(jars.stream().anyMatch(j -> j.startsWith("org.apache.kafka.kafka-clients-")),
                "the Kafka client is there: the check looks at the right place");
        assertTrue(jars.stream().anyMatch(j -> j.startsWith("org.postgresql.postgresql-")), "JDBC driver is there");
    }

    @Test
    void noEmbeddedLauncherOrSimulatorClasses() throws IOException {
        try (Stream<Path> s = Files.list(APP.resolve("app"))) {
            for (Path jar : s.filter(p -> p.toString().endsWith(".jar")).toList()) {
                try (ZipFile z = new ZipFile(jar.toFile())) {
                    assertTrue(z.stream().anyMatch(e -> e.getName().startsWith("no/nhn/driftsvakt/probe/")),
                            "application classes are in " + jar);
                    assertFalse(z.stream().anyMatch(e -> e.getName().startsWith("no/nhn/driftsvakt/embedded/")
                            && e.getName().endsWith(".class")),
                            "embedded classes in " + jar);
                }
            }
        }
    }
}
