package no.nhn.driftsvakt.platform;

/**
 * A Kafka topic Driftsvakt owns.
 *
 * @param name       the topic name
 * @param partitions partition count; the unit of parallelism and of probe sharding
 * @param compacted  log-compacted (latest value per key) rather than time-retained
 * @param key        what the record key is, for readers of the code and of docs
 */
public record Topic(String name, int partitions, boolean compacted, String key) {
}
