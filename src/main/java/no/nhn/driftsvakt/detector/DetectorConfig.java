package no.nhn.driftsvakt.detector;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Flapping detection settings (thresholds are per check, in the catalog). */
@ConfigMapping(prefix = "driftsvakt.detector")
public interface DetectorConfig {

    /** More raw up/down changes than this within the window make a check flapping. */
    @WithDefault("5")
    int flapMaxFlips();

    @WithDefault("10m")
    Duration flapWindow();
}
