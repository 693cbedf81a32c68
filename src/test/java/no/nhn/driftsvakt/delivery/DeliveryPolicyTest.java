package no.nhn.driftsvakt.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Optional;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.junit.jupiter.api.Test;

/** Pure rules: what an I/O failure means, Retry-After, the retry delay and when to give up. */
class DeliveryPolicyTest {

    /** How the Twilio SDK reports an I/O error: an ApiException (a RuntimeException) around it. */
    static RuntimeException sdk(IOException cause) {
        return new RuntimeException(cause.getMessage(), cause);
    }

    @Test
    void noConnectionMeansNothingWasSentButNoAnswerMeansTheOutcomeIsUnknown() {
        assertEquals(ErrorClass.RETRY, ErrorClass.ofIo(sdk(new HttpHostConnectException("Connection refused"))));
        assertEquals(ErrorClass.RETRY, ErrorClass.ofIo(sdk(new ConnectException("Connection refused"))));
        assertEquals(ErrorClass.RETRY, ErrorClass.ofIo(sdk(new ConnectTimeoutException("Connect timed out"))));
        assertEquals(ErrorClass.RETRY, ErrorClass.ofIo(sdk(new UnknownHostException("api.twilio.com"))));
        assertEquals(ErrorClass.UNKNOWN, ErrorClass.ofIo(sdk(new SocketTimeoutException("Read timed out"))));
        assertEquals(ErrorClass.UNKNOWN, ErrorClass.ofIo(sdk(new SocketException("Connection reset"))));
        assertEquals(ErrorClass.UNKNOWN, ErrorClass.ofIo(sdk(new NoHttpResponseException("failed to respond"))));
        assertEquals(ErrorClass.UNKNOWN, ErrorClass.ofIo(new RuntimeException("no cause")));
        assertEquals(ErrorClass.UNKNOWN, ErrorClass.ofIo(null));
    }

    @Test
    void retryAfterInSecondsOrAsADateCappedAtAnHour() {
        ZonedDateTime now = ZonedDateTime.parse("2026-11-27T08:00:00Z");
        assertEquals(Optional.of(Duration.ofSeconds(30)), ErrorClass.retryAfter("30", now));
        assertEquals(Optional.of(Duration.ofSeconds(90)), ErrorClass.retryAfter("Fri, 27 Nov 2026 08:01:30 GMT", now));
        assertEquals(Optional.of(Duration.ofHours(1)), ErrorClass.retryAfter("86400", now));
        assertEquals(Optional.empty(), ErrorClass.retryAfter(null, now));
        assertEquals(Optional.empty(), ErrorClass.retryAfter("soon", now));
        assertEquals(Optional.empty(), ErrorClass.retryAfter("0", now));
    }

    @Test
    void aRetryWaitsForTheBackoffButNeverLessThanRetryAfter() {
        assertEquals(Duration.ofMillis(2500), Sender.retryDelay(1, Optional.empty(), () -> 0.5));
        assertEquals(Duration.ofSeconds(20), Sender.retryDelay(1, Optional.of(Duration.ofSeconds(20)), () -> 0.5));
        assertEquals(Duration.ofSeconds(40), Sender.retryDelay(5, Optional.of(Duration.ofSeconds(20)), () -> 0.5),
                "half of 5 s × 2⁴ is longer than Retry-After");
    }

    @Test
    void aMessageIsGivenUpOnlyAfterEightAttemptsAndHalfAnHourSoAShortOutageLosesNothing() {
        Instant created = Instant.parse("2026-11-27T08:00:00Z");
        Sender.Claimed eight = new Sender.Claimed(1, "PUBLISHED", "[]", 0, 8, created);
        Sender.Claimed seven = new Sender.Claimed(1, "PUBLISHED", "[]", 0, 7, created);
        assertFalse(Sender.giveUp(eight, created.plusSeconds(60)), "eight quick refusals in a 60 s outage");
        assertFalse(Sender.giveUp(seven, created.plus(Duration.ofHours(2))));
        assertTrue(Sender.giveUp(eight, created.plus(Duration.ofMinutes(30))));
    }
}
