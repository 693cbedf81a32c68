package no.nhn.driftsvakt.catalog;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** What a check probes and how its answer is judged; one record per transport. */
public sealed interface CheckSpec permits CheckSpec.Http, CheckSpec.Tcp, CheckSpec.Dns, CheckSpec.Heartbeat,
        CheckSpec.Supplier {

    CheckType type();

    /**
     * An HTTP(S) request and the conditions its response must meet.
     *
     * @param jsonField dotted path into a JSON body (e.g. {@code status} or {@code checks.db}), paired with {@code jsonEquals}
     * @param certExpiryWarnDays an https certificate expiring within this many days fails the check as TLS_EXPIRING
     * @param keepAlive reuse connections between probes (default false: every probe opens a new connection, like a real client)
     * @param tlsCaFile PEM file of the certificate authorities to trust for https (e.g. an internal CA); when
     *                  given, only these are trusted, when absent the JDK's defaults
     */
    record Http(URI url, String method, Map<String, String> headers, Set<Integer> expectStatus,
                Optional<String> bodyContains, Optional<Pattern> bodyRegex, Optional<String> jsonField,
                Optional<String> jsonEquals, Optional<Duration> maxLatency, int certExpiryWarnDays,
                boolean keepAlive, Optional<String> tlsCaFile) implements CheckSpec {
        public Http {
            headers = Map.copyOf(headers);
            expectStatus = Set.copyOf(expectStatus);
        }

        @Override
        public CheckType type() {
            return CheckType.HTTP;
        }
    }

    /** A TCP connect to host:port. */
    record Tcp(String host, int port) implements CheckSpec {
        @Override
        public CheckType type() {
            return CheckType.TCP;
        }
    }

    /**
     * A DNS lookup of {@code name}; with {@code server} (host:port) the query goes to that server over UDP,
     * otherwise to the system resolver. When {@code expect} is not empty, one of its addresses must be returned.
     */
    record Dns(String name, Optional<String> server, List<String> expect) implements CheckSpec {
        public Dns {
            expect = List.copyOf(expect);
        }

        @Override
        public CheckType type() {
            return CheckType.DNS;
        }
    }

    /**
     * A job pushes {@code POST /api/v1/heartbeats/{checkId}} with a bearer token whose SHA-256 (hex) is
     * {@code tokenSha256}; silence longer than the interval plus {@code grace} is a failure.
     */
    record Heartbeat(String tokenSha256, Duration grace) implements CheckSpec {
        @Override
        public CheckType type() {
            return CheckType.HEARTBEAT;
        }
    }

    /** The formats of a supplier's own status publication. */
    enum SupplierFormat {
        /** Atlassian Statuspage v2 JSON ({@code /api/v2/summary.json}), also served by driftsweb itself. */
        STATUSPAGE,
        /** An Atom feed of incidents. */
        ATOM,
        /** An RSS 2.0 feed of incidents. */
        RSS
    }

    /**
     * A supplier's own status page or feed, read at the check's interval. With {@code component} (a name or id on
     * the supplier's page) that component's status counts; without it, the page's overall status. A feed counts as
     * failing while its newest entry is recent and does not say the incident is resolved.
     */
    record Supplier(URI url, SupplierFormat format, Optional<String> component) implements CheckSpec {
        @Override
        public CheckType type() {
            return CheckType.SUPPLIER;
        }
    }
}
