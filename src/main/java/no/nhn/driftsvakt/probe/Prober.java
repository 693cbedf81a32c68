package no.nhn.driftsvakt.probe;

import io.vertx.core.Future;
import no.nhn.driftsvakt.catalog.Check;

/** One probe transport. Never fails its future: every failure is an outcome with a reason. */
interface Prober {

    Future<ProbeOutcome> probe(Check check);

    static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** Maps a transport exception to a reason. */
    static FailureReason classify(Throwable t) {
        String name = t.getClass().getName();
        String msg = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
        if (t instanceof java.util.concurrent.TimeoutException || name.contains("Timeout") || msg.contains("timed out")
                || msg.contains("timeout")) {
            return FailureReason.TIMEOUT;
        }
        if (t instanceof javax.net.ssl.SSLException || name.contains("Ssl") || name.contains("SSL")) {
            return FailureReason.TLS_ERROR;
        }
        if (t instanceof java.net.UnknownHostException || name.contains("UnknownHost") || name.contains("Dns")) {
            return FailureReason.DNS_FAILURE;
        }
        if (t instanceof java.net.ConnectException || name.contains("Connect") || msg.contains("connection")) {
            return FailureReason.CONNECTION_FAILED;
        }
        return FailureReason.ERROR;
    }

    /** A one-line description of an exception that never carries more than its class and message. */
    static String describe(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + (m.length() > 160 ? m.substring(0, 160) : m));
    }
}
