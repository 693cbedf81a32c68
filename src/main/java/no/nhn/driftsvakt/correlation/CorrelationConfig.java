package no.nhn.driftsvakt.correlation;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Correlation settings. */
@ConfigMapping(prefix = "driftsvakt.correlation")
public interface CorrelationConfig {

    /** Incidents opened further apart than this are not linked directly. */
    @WithDefault("10m")
    Duration window();

    /** Component labels whose shared value links incidents. */
    @WithDefault("site,provider")
    List<String> labels();

    /** This many incidents on one component within the recurrence period open a recurring problem. */
    @WithDefault("3")
    int recurrenceCount();

    @WithDefault("7d")
    Duration recurrencePeriod();

    /** How often correlation runs even without a new incident (picks up other replicas' changes). */
    @WithDefault("2s")
    Duration interval();

    /**
     * Least time between two runs, so the incidents of one engine batch and its neighbours are correlated in one run
     * (in a storm, {@code Pacing} rests longer anyway). 3 ms instead of 10 took 7 ms off the median signal → problem at
     * 1,000 signals/s with no more CPU (bench/pipeline, run 33).
     */
    @WithDefault("3ms")
    Duration minGap();

    /**
     * How often the correlator's input is read whole, in the background; runs read only the incidents and problems
     * that changed since the last run (their outbox events). A whole read also repairs what a transaction held open
     * past the outbox horizon's limit may have hidden.
     */
    @WithDefault("5m")
    Duration reload();

    default CorrelationPolicy policy() {
        return new CorrelationPolicy(window(), labels(), recurrenceCount(), recurrencePeriod());
    }
}
