package no.nhn.driftsvakt.probe;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.utils.Utils;

/**
 * Maps a check id to a partition of {@code driftsvakt.probe-work} with the same hash Kafka's default
 * partitioner uses for keyed records, so a heartbeat for a check lands on the partition whose owner runs it.
 */
public final class CheckPartitioner {

    private CheckPartitioner() {
    }

    public static int partition(String checkId, int partitions) {
        return Utils.toPositive(Utils.murmur2(checkId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
