package no.nhn.driftsvakt.correlation;

import java.time.Duration;
import java.util.List;

/**
 * How incidents are grouped.
 *
 * @param window           incidents opened further apart than this are not linked directly (default 10 min)
 * @param labels           component labels whose shared value links incidents (e.g. site, provider)
 * @param recurrenceCount  this many incidents on one component ...
 * @param recurrencePeriod ... within this period open a recurring problem (default 3 in 7 days)
 */
public record CorrelationPolicy(Duration window, List<String> labels, int recurrenceCount, Duration recurrencePeriod) {

    public static final CorrelationPolicy DEFAULT = new CorrelationPolicy(Duration.ofMinutes(10),
            List.of("site", "provider"), 3, Duration.ofDays(7));

    public CorrelationPolicy {
        labels = List.copyOf(labels);
    }
}
