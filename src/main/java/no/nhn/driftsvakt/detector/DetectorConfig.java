package no.nhn.driftsvakt.detector;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Flapping detection and quorum settings (thresholds are per check, in the catalog). */
@ConfigMapping(prefix = "driftsvakt.detector")
public interface DetectorConfig {

    /** More raw up/down changes than this within the window make a check flapping. */
    @WithDefault("5")
    int flapMaxFlips();

    @WithDefault("10m")
    Duration flapWindow();

    /**
     * How many probe locations ({@code driftsvakt.probe.locations}) must see a check down before it is down; a
     * check's own {@code quorum:} in the catalog overrides it. With one location and quorum 1 (the default), every
     * location's result is its own source, as before quorums existed.
     */
    @WithDefault("1")
    int quorum();

    /** The quorum is lowered to the locations that report, but never below this. */
    @WithDefault("1")
    int quorumFloor();

    /** A location whose latest result of a check is older than this many of the check's intervals does not count. */
    @WithDefault("3")
    int locationStaleIntervals();
}
