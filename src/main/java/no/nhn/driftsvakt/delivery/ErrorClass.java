package no.nhn.driftsvakt.delivery;

import java.util.Set;

/** Whether a provider's refusal is worth retrying. Pure. */
public enum ErrorClass {
    /** The message can never be delivered as addressed: do not retry. */
    PERMANENT,
    /** The provider could not take it now: retry with backoff. */
    RETRY;

    /** Twilio errors that mean the number cannot get this message: invalid, not mobile, opted out, not routable. */
    static final Set<Integer> TWILIO_PERMANENT = Set.of(21211, 21214, 21217, 21408, 21610, 21612, 21614);

    /**
     * @param httpStatus the provider's HTTP status (0 when the call did not complete)
     * @param code       the provider's error code, if any
     */
    public static ErrorClass ofTwilio(int httpStatus, Integer code) {
        if (code != null && TWILIO_PERMANENT.contains(code)) {
            return PERMANENT;
        }
        return ofHttp(httpStatus);
    }

    /** 429, 5xx and no answer at all: retry; any other 4xx: permanent. */
    public static ErrorClass ofHttp(int httpStatus) {
        if (httpStatus == 0 || httpStatus == 429 || httpStatus == 408 || httpStatus >= 500) {
            return RETRY;
        }
        return httpStatus >= 400 ? PERMANENT : RETRY;
    }
}
