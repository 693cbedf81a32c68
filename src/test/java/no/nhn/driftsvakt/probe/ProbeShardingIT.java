package no.nhn.driftsvakt.probe;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

import no.nhn.driftsvakt.testing.Infra;

/**
 * Two replicas in the probe group of one location, against the real broker: they split the partitions (so the
 * checks) without overlap, and when one leaves the other takes all its checks over. A replica of a second location
 * (its own group, {@code driftsvakt-probe-<location>}) runs every check all along: each check runs on exactly one
 * replica per location.
 */
class ProbeShardingIT {

    private static final int PARTITIONS = 12;

    /** What one replica believes it owns, as the engine would. */
    private static final class Replica implements ProbeGroupMember.Listener {
        volatile Set<Integer> partitions = Set.of();

        @Override
        public void ownership(Set<Integer> p) {
            partitions = p;
        }

        @Override
        public void heartbeat(String checkId, Instant at) {
        }

        Set<String> checks(List<String> all) {
            Set<Integer> p = partitions;
            return all.stream().filter(c -> p.contains(CheckPartitioner.partition(c, PARTITIONS)))
                    .collect(Collectors.toSet());
        }
    }

    @Test
    void twoReplicasSplitTheChecksAndTheSurvivorTakesOverWhenOneStops() throws Exception {
        String topic = "sharding-test-" + System.nanoTime();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Infra.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        List<String> checks = IntStream.range(0, 500).mapToObj(i -> "check-" + i).toList();
        Replica a = new Replica();
        Replica b = new Replica();
        Replica other = new Replica();
        String group = "probe-sharding-" + System.nanoTime();
        String otherLocation = group + "-bergen";

        ProbeGroupMember ma = new ProbeGroupMember(Infra.bootstrapServers(), group, topic, Duration.ofSeconds(6), a)
                .start();
        ProbeGroupMember mb = new ProbeGroupMember(Infra.bootstrapServers(), group, topic, Duration.ofSeconds(6), b)
                .start();
        ProbeGroupMember mo = new ProbeGroupMember(Infra.bootstrapServers(), otherLocation, topic,
                Duration.ofSeconds(6), other).start();
        try {
            // Then: disjoint, and together everything
            await().atMost(Duration.ofSeconds(30)).until(() -> !a.partitions.isEmpty() && !b.partitions.isEmpty()
                    && a.partitions.size() + b.partitions.size() == PARTITIONS);
            Set<String> ca = a.checks(checks);
            Set<String> cb = b.checks(checks);
            Set<String> overlap = new HashSet<>(ca);
            overlap.retainAll(cb);
            assertEquals(Set.of(), overlap, "no check runs on both replicas");
            assertEquals(checks.size(), ca.size() + cb.size(), "every check runs somewhere");
            assertTrue(ca.size() > 100 && cb.size() > 100, "work is shared: " + ca.size() + "/" + cb.size());
            System.out.printf("Sharding: replica A runs %d checks, replica B %d%n", ca.size(), cb.size());
            // and the other location's only replica runs every check as well
            await().atMost(Duration.ofSeconds(30)).until(() -> other.partitions.size() == PARTITIONS);
            assertEquals(Set.copyOf(checks), other.checks(checks), "a second location runs all checks");

            // When: one replica stops
            mb.close();

            // Then: the other runs them all
            await().atMost(Duration.ofSeconds(30)).until(() -> a.partitions.size() == PARTITIONS);
            assertEquals(Set.copyOf(checks), a.checks(checks));
            assertEquals(Set.of(), b.partitions);
            assertEquals(PARTITIONS, other.partitions.size(), "the other location is not disturbed");
        } finally {
            ma.close();
            mb.close();
            mo.close();
        }
    }
}
