package no.nhn.driftsvakt.ingest;

import no.nhn.driftsvakt.platform.FieldError;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import no.nhn.driftsvakt.catalog.CatalogService;
import no.nhn.driftsvakt.platform.BearerGuard;
import no.nhn.driftsvakt.platform.Problem;
import no.nhn.driftsvakt.signal.Signal;
import no.nhn.driftsvakt.signal.SignalPublisher;

/**
 * What both ingest endpoints share: the token check, JSON parsing with positions, publishing all of a request's
 * signals or none, 202 after the broker's acknowledgement, 503 with Retry-After when it does not come. The answers are
 * JAX-RS {@link Response}s, written by {@link IngestResource} (RESTEasy) or {@link IngestRoute} (the lean Vert.x
 * route) alike; the route adds only the checks RESTEasy makes before the method (body size, media types).
 */
@ApplicationScoped
public class IngestService {

    private static final Logger LOG = Logger.getLogger(IngestService.class);

    @Inject
    IngestConfig config;

    @Inject
    CatalogService catalogs;

    @Inject
    SignalPublisher publisher;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry registry;

    private volatile RecentIds recent;

    int maxBatch() {
        return config.maxBatch();
    }

    Optional<Response> denied(String authorization) {
        Optional<Response> r = BearerGuard.check(authorization, config.tokenSha256().orElse(List.of()), "ingest");
        r.ifPresent(x -> rejected("auth"));
        return r;
    }

    /** Reads a request body's JSON (UTF-8, as RFC 8259 has it) into what an endpoint takes. */
    @FunctionalInterface
    interface BodyReader<T> {
        T read(byte[] body) throws IOException;
    }

    /**
     * Reads the body, or gives the 400 that says where the JSON breaks. The body is parsed from its bytes: decoding
     * it to a string first cost a twentieth of the webhook intake's CPU, and bytes that are not UTF-8 are now a 400
     * rather than replacement characters.
     */
    <T> T parse(byte[] body, BodyReader<T> reader, Response[] error) {
        if (blank(body)) {
            error[0] = bad(400, "(body)", "the request body is empty", null);
            return null;
        }
        try {
            return reader.read(body);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            error[0] = bad(400, "(body)", "malformed JSON" + where + ": " + e.getOriginalMessage(), null);
            return null;
        } catch (IOException e) {
            error[0] = bad(400, "(body)", "unreadable JSON: " + e.getMessage(), null);
            return null;
        }
    }

    SignalValidator validator() {
        return new SignalValidator(id -> catalogs.current().component(id).isPresent(), () -> Instant.now(clock),
                () -> "sig-" + UUID.randomUUID());
    }

    AlertmanagerMapper.Mapped mapAlertmanager(AlertmanagerWebhook payload) {
        return AlertmanagerMapper.map(payload, config.componentLabel(),
                id -> catalogs.current().component(id).isPresent(), () -> Instant.now(clock));
    }

    /** Whether the body is empty or only JSON whitespace. */
    private static boolean blank(byte[] body) {
        if (body != null) {
            for (byte b : body) {
                if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                    return false;
                }
            }
        }
        return true;
    }

    /** What both endpoints do first: 401/403 without a valid ingest token, 400 for a body that is not JSON. */
    private <T> Uni<Response> authorizedJson(String authorization, byte[] body, BodyReader<T> reader,
                                             java.util.function.Function<T, Uni<Response>> then) {
        Optional<Response> denied = denied(authorization);
        if (denied.isPresent()) {
            return Uni.createFrom().item(denied.get());
        }
        Response[] error = new Response[1];
        T read = parse(body, reader, error);
        return read == null ? Uni.createFrom().item(error[0]) : then.apply(read);
    }

    /** One signal or a JSON array of them: all valid and published (202), or none (400/404). */
    Uni<Response> acceptSignals(String authorization, byte[] body) {
        return authorizedJson(authorization, body, json::readTree, this::acceptSignals);
    }

    private Uni<Response> acceptSignals(JsonNode node) {
        SignalValidator v = validator();
        List<Signal> signals = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        if (node.isArray()) {
            if (node.isEmpty()) {
                return Uni.createFrom().item(bad(400, "(body)", "the batch is empty", null));
            }
            if (node.size() > maxBatch()) {
                return Uni.createFrom().item(bad(400, "(body)", "more than " + maxBatch()
                        + " signals in one batch", null));
            }
            for (int i = 0; i < node.size(); i++) {
                collect(v.validate(node.get(i), "[" + i + "]."), signals, errors);
            }
        } else {
            collect(v.validate(node, ""), signals, errors);
        }
        if (!errors.isEmpty()) {
            return Uni.createFrom().item(invalid(errors));
        }
        return publish(signals, node.isArray() ? "rest_batch" : "rest", Map.of());
    }

    /** The Alertmanager webhook: its placeable alerts published (202, listing what was skipped), or 400/404. */
    Uni<Response> acceptAlertmanager(String authorization, byte[] body) {
        return authorizedJson(authorization, body, this::readWebhook, this::acceptAlertmanager);
    }

    /** The webhook straight from the body's JSON tokens, without a tree of it (see {@link AlertmanagerWebhook}). */
    private AlertmanagerWebhook readWebhook(byte[] body) throws IOException {
        try (JsonParser p = json.getFactory().createParser(body)) {
            return AlertmanagerWebhook.read(p);
        }
    }

    private Uni<Response> acceptAlertmanager(AlertmanagerWebhook webhook) {
        AlertmanagerMapper.Mapped m = mapAlertmanager(webhook);
        if (!m.errors().isEmpty()) {
            return Uni.createFrom().item(invalid(m.errors()));
        }
        if (m.signals().isEmpty() && !m.skipped().isEmpty()) {
            AlertmanagerMapper.Skipped first = m.skipped().stream()
                    .filter(s -> s.reason().startsWith("unknown component")).findFirst().orElse(m.skipped().get(0));
            boolean unknown = first.reason().startsWith("unknown component");
            return Uni.createFrom().item(bad(unknown ? 404 : 400, "alerts[" + first.index() + "]",
                    "no alert could be placed: " + first.reason(), null));
        }
        return publish(m.signals(), "alertmanager", Map.of("skipped", m.skipped()));
    }

    private static void collect(SignalValidator.Outcome o, List<Signal> signals, List<FieldError> errors) {
        if (o.ok()) {
            signals.add(o.signal());
        } else {
            errors.addAll(o.errors());
        }
    }

    Response bad(int status, String field, String detail, List<FieldError> all) {
        rejected(status == 404 ? "unknown_component" : "invalid");
        return Problem.response(status, status == 404 ? "Ukjent komponent / Unknown component"
                : "Ugyldig forespørsel / Invalid request", detail, field, all);
    }

    Response invalid(List<FieldError> errors) {
        FieldError first = errors.stream().filter(e -> e.status() == 400).findFirst().orElse(errors.get(0));
        return bad(first.status(), first.field(), first.field() + ": " + first.message(),
                errors.size() > 1 ? errors : null);
    }

    /**
     * Publishes every signal not seen before and answers 202 once all are acknowledged.
     *
     * @param extra more fields for the 202 body
     */
    Uni<Response> publish(List<Signal> signals, String via, Map<String, Object> extra) {
        RecentIds ids = recentIds();
        long[] hashes = ids.hashes(signals);
        boolean[] seen = ids.seen(hashes);
        boolean[] repeats = RecentIds.repeats(hashes);
        List<Signal> fresh = new ArrayList<>(signals.size());
        long[] freshHashes = new long[signals.size()];
        int duplicates = 0;
        for (int i = 0; i < seen.length; i++) {
            if (seen[i] || repeats[i]) {
                duplicates++;
            } else {
                freshHashes[fresh.size()] = hashes[i];
                fresh.add(signals.get(i));
            }
        }
        long[] remembered = java.util.Arrays.copyOf(freshHashes, fresh.size());
        List<CompletableFuture<Void>> acks = new ArrayList<>(fresh.size());
        try {
            int perRecord = config.batchRecords() ? Math.max(1, config.batchRecordMax()) : 0;
            for (java.util.concurrent.CompletionStage<Void> ack : publisher.publishAll(fresh, perRecord)) {
                acks.add(ack.toCompletableFuture());
            }
        } catch (RuntimeException e) {
            return Uni.createFrom().item(unavailable("the publish buffer is full: " + e.getMessage()));
        }
        int dup = duplicates;
        return Uni.createFrom().completionStage(CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)))
                .ifNoItem().after(config.publishTimeout()).fail()
                .map(v -> {
                    ids.remember(remembered);
                    registry.counter("driftsvakt.ingest.signals", "via", via, "outcome", "accepted")
                            .increment(fresh.size());
                    registry.counter("driftsvakt.ingest.signals", "via", via, "outcome", "duplicate").increment(dup);
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("accepted", fresh.size());
                    body.put("duplicates", dup);
                    if (signals.size() == 1) {
                        body.put("id", signals.get(0).id());
                    }
                    body.putAll(extra);
                    return Response.accepted(body).build();
                })
                .onFailure().recoverWithItem(t -> unavailable(t.toString()));
    }

    private Response unavailable(String why) {
        rejected("unavailable");
        LOG.warnf("Signals not accepted, broker did not confirm: %s", why);
        return Response.fromResponse(Problem.response(503, "Midlertidig utilgjengelig / Temporarily unavailable",
                "The message broker did not confirm the signals in time. Retry with the same ids: some may already "
                        + "have arrived, and a repeated id is accepted once.", null)).header("Retry-After", "5").build();
    }

    private void rejected(String reason) {
        registry.counter("driftsvakt.ingest.rejected", "reason", reason).increment();
    }

    private RecentIds recentIds() {
        RecentIds r = recent;
        if (r == null) {
            synchronized (this) {
                if (recent == null) {
                    recent = new RecentIds(config.rememberIds());
                }
                r = recent;
            }
        }
        return r;
    }
}
