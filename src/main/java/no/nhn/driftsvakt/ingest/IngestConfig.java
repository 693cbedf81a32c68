package no.nhn.driftsvakt.ingest;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Ingest settings. */
@ConfigMapping(prefix = "driftsvakt.ingest")
public interface IngestConfig {

    /** SHA-256 (hex) of the bearer tokens machine clients send; none configured means ingest is closed. */
    Optional<List<String>> tokenSha256();

    /** The Alertmanager label that names the catalog component. */
    @WithDefault("component")
    String componentLabel();

    /** How long to wait for the broker's acknowledgement before answering 503. */
    @WithDefault("5s")
    Duration publishTimeout();

    /** Most signals in one batch request. */
    @WithDefault("10000")
    int maxBatch();

    /**
     * How many recent signal ids each replica remembers to accept a repeated id once (about 30 bytes each; at most
     * 2^28; 0: none, every id is published).
     */
    @WithDefault("200000")
    int rememberIds();

    /**
     * Serve {@code POST /api/v1/signals} and {@code /api/v1/alertmanager} with {@link IngestRoute}, a plain Vert.x
     * route on the event loop ahead of Quarkus' HTTP security and RESTEasy; false leaves them to
     * {@link IngestResource}. Both answer alike.
     */
    @WithDefault("true")
    boolean fastRoute();

    /**
     * Publish a request's signals as batch records, one per partition (docs/design/signal-batches.md); false: one
     * record per signal, for a rolling upgrade from a release whose consumers cannot read batch records. Passed to
     * {@link no.nhn.driftsvakt.signal.SignalPublisher#publishAll}.
     */
    @WithDefault("true")
    boolean batchRecords();

    /** Most signals in one batch record; a partition's larger group is split. */
    @WithDefault("500")
    int batchRecordMax();
}
