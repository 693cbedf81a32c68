package no.nhn.driftsvakt.embedded;

import java.nio.file.Path;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;

/** A real Kafka cluster (KRaft, broker and controller combined) inside this JVM. */
public final class EmbeddedKafka implements AutoCloseable {

    private final KafkaClusterTestKit cluster;

    private EmbeddedKafka(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    /**
     * @param brokers   number of brokers (1 for the embedded default, 3 for failover tests)
     * @param directory where the log directories go; null for a temporary directory
     */
    public static EmbeddedKafka start(int brokers, Path directory) throws Exception {
        TestKitNodes.Builder nodes = new TestKitNodes.Builder().setCombined(true)
                .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                .setNumBrokerNodes(brokers).setNumControllerNodes(1);
        if (directory != null) {
            nodes.setBaseDirectory(directory);
        }
        short rf = (short) Math.min(3, brokers);
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes.build())
                .setConfigProp("offsets.topic.replication.factor", String.valueOf(rf))
                .setConfigProp("offsets.topic.num.partitions", "6")
                .setConfigProp("transaction.state.log.replication.factor", String.valueOf(rf))
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("auto.create.topics.enable", "false")
                .setConfigProp("log.cleaner.backoff.ms", "1000")
                // Bounded on disk, as a production broker's topics are: 256 MiB per partition in 64 MiB segments.
                // The benches write some 100 MB/s into it; unbounded, the log filled the page cache of the machine it
                // shares with the service (bench/grouping/intake.sh lost a fifth of its pace over five runs).
                .setConfigProp("log.retention.bytes", String.valueOf(256L << 20))
                .setConfigProp("log.segment.bytes", String.valueOf(64 << 20))
                .setConfigProp("log.retention.check.interval.ms", "10000")
                .setDeleteOnClose(true)
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        return new EmbeddedKafka(cluster);
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    public KafkaClusterTestKit cluster() {
        return cluster;
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
