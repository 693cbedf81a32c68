package no.nhn.driftsvakt.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PacingTest {

    @Test
    void restsAtLeastTheGapThenInProportionToTheLastRunUpToTheInterval() {
        assertEquals(10, Pacing.restMillis(10, 0, 2, 2000), "first run, or a quick one: the gap");
        assertEquals(10, Pacing.restMillis(10, 4, 2, 2000), "a normal run: still the gap");
        assertEquals(600, Pacing.restMillis(10, 300, 2, 2000), "a storm run of 300 ms: twice that");
        assertEquals(2000, Pacing.restMillis(10, 1500, 2, 2000), "never longer than the interval");
        assertEquals(300, Pacing.restMillis(10, 300, 1, 5000));
    }
}
