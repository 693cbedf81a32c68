package no.nhn.driftsvakt.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.qute.Engine;
import io.smallrye.reactive.messaging.annotations.Blocking;
import no.nhn.driftsvakt.notify.Channel;
import no.nhn.driftsvakt.notify.ChannelState;
import no.nhn.driftsvakt.notify.NotifyStore;
import no.nhn.driftsvakt.notify.SubjectBuilder;
import no.nhn.driftsvakt.notify.TransitionKind;
import no.nhn.driftsvakt.notify.template.MessageRenderer;
import no.nhn.driftsvakt.platform.DeadLetters;
import no.nhn.driftsvakt.platform.Outbox;
import no.nhn.driftsvakt.platform.Topics;
import no.nhn.driftsvakt.subscriber.Subscriber;
import no.nhn.driftsvakt.subscriber.SubscriberStore;

/**
 * Consumes {@code driftsvakt.notifications} (group {@code driftsvakt-senders}, keyed by subscriber): claims the
 * ledger row (planned → sending) before the provider call, so a redelivered event or a second sender finds it
 * taken; reads the address at send time (an opt-out or erasure just before wins); renders the text; hands it to the
 * channel's gateway; completes the row (sent, failed or retry) with an outcome event on {@code driftsvakt.deliveries}.
 */
@ApplicationScoped
public class Sender {

    private static final Logger LOG = Logger.getLogger(Sender.class);

    @Inject
    NotifyStore notify;

    @Inject
    SubscriberStore subscribers;

    @Inject
    Channels channels;

    @Inject
    no.nhn.driftsvakt.notify.CatalogView catalogView;

    @Inject
    Outbox outbox;

    @Inject
    no.nhn.driftsvakt.maintenance.MaintenanceStore maintenance;

    @Inject
    DeadLetters deadLetters;

    @Inject
    ObjectMapper json;

    @Inject
    Engine engine;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "driftsvakt.public-base-url", defaultValue = "http://localhost:8080")
    String baseUrl;

    /** What {@code driftsvakt.deliveries} carries: ids and the outcome only. */
    public record DeliveryEvent(long notificationId, String subscriberId, String subjectId, String transition,
                                String channel, String state, String providerId, Instant at) {
    }

    /** A claimed ledger row. */
    record Claimed(long id, String kind, String services, long updateId, int attempts, Instant created) {
    }

    /**
     * A message the provider keeps refusing for now is given up after this many attempts, and only once it is
     * {@link #GIVE_UP_AFTER} old: a provider outage shorter than that loses nothing.
     */
    static final int MAX_ATTEMPTS = 8;
    static final java.time.Duration GIVE_UP_AFTER = java.time.Duration.ofMinutes(30);

    /** A send with an unknown outcome is looked up no sooner than this (the provider's list may lag a little). */
    static final java.time.Duration LOOKUP_DELAY = java.time.Duration.ofSeconds(5);

    /** The error of an unknown outcome the provider cannot be asked about (not looked up again). */
    static final String CANNOT_TELL = "outcome unknown: the provider cannot be asked";

    /** The error of an unknown outcome waiting for a lookup (again, with backoff, while the provider is down). */
    static final String ASK_AGAIN = "outcome unknown: the provider could not be asked now; asking again";

    /** SMS: paced to the provider's rate, in their own consumer group. */
    @Incoming(Topics.Channels.NOTIFICATIONS_SMS_IN)
    @Blocking(value = "sms-sender", ordered = true)
    public void onSms(ConsumerRecords<String, String> records) throws Exception {
        handle(records, true);
    }

    /** E-mail and webhooks: never wait behind SMS. */
    @Incoming(Topics.Channels.NOTIFICATIONS_OTHER_IN)
    @Blocking(value = "other-sender", ordered = true)
    public void onOther(ConsumerRecords<String, String> records) throws Exception {
        handle(records, false);
    }

    private void handle(ConsumerRecords<String, String> records, boolean sms) throws Exception {
        for (ConsumerRecord<String, String> r : records) {
            if (r.value() != null && r.value().contains("\"channel\":\"sms\"") != sms) {
                continue; // the other group's
            }
            NotifyStore.NotificationEvent e;
            try {
                e = json.readValue(r.value(), NotifyStore.NotificationEvent.class);
            } catch (Exception ex) {
                if (!sms) { // dead-lettered once, by one of the two groups
                    deadLetters.send(r, "not a notification event: " + ex.getMessage()).toCompletableFuture().get();
                }
                continue;
            }
            deliver(e);
        }
    }

    void deliver(NotifyStore.NotificationEvent e) throws SQLException {
        Channel channel = Channel.valueOf(e.channel().toUpperCase());
        Optional<Claimed> claimed = claim(e);
        if (claimed.isEmpty()) {
            registry.counter("driftsvakt.delivery.already_claimed").increment();
            return; // sent, being sent by someone else, or no longer planned
        }
        Claimed row = claimed.get();
        Optional<ChannelGateway.Outgoing> prepared = prepare(e, row);
        if (prepared.isEmpty()) {
            complete(row, e, "skipped", "consent withdrawn before the send", null, null);
            return;
        }
        ChannelGateway.Outgoing out = prepared.get();
        RateLimiter limiter = channels.limiter(channel);
        Instant now;
        try {
            limiter.acquire();
            String providerId = gateway(channel).send(out);
            limiter.recovered();
            complete(row, e, "sent", null, providerId, null);
        } catch (ChannelGateway.PermanentFailure f) {
            complete(row, e, "failed", f.getMessage(), null, null);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            complete(row, e, "retry", "interrupted before the send", null, Instant.now(clock));
        } catch (ChannelGateway.UnknownOutcome u) {
            // The provider may have it: never sent again before a lookup says it does not (RetrySweeper).
            limiter.penalize(null);
            registry.counter("driftsvakt.delivery.unknown").increment();
            complete(row, e, "unknown", u.getMessage(), null, Instant.now(clock).plus(LOOKUP_DELAY));
        } catch (ChannelGateway.RetryableFailure f) {
            limiter.penalize(f.retryAfter().orElse(null));
            now = Instant.now(clock);
            if (giveUp(row, now)) {
                complete(row, e, "failed", f.getMessage() + " (gave up after " + row.attempts() + " attempts)", null,
                        null);
            } else {
                complete(row, e, "retry", f.getMessage(), null, now.plus(retryDelay(row.attempts(), f.retryAfter(),
                        java.util.concurrent.ThreadLocalRandom.current()::nextDouble)));
            }
        }
    }

    /** Whether a message the provider keeps refusing for now is given up: enough attempts and old enough. */
    static boolean giveUp(Claimed row, Instant now) {
        return row.attempts() >= MAX_ATTEMPTS && !row.created().plus(GIVE_UP_AFTER).isAfter(now);
    }

    /** The backoff for this attempt, but never sooner than the provider's {@code Retry-After}. */
    static java.time.Duration retryDelay(int attempts, Optional<java.time.Duration> retryAfter,
                                         java.util.function.DoubleSupplier random) {
        java.time.Duration backoff = Backoff.DEFAULT.delay(attempts, random);
        return retryAfter.filter(r -> r.compareTo(backoff) > 0).orElse(backoff);
    }

    /** The webhook's JSON: what and where, no personal data. */
    private String webhookBody(NotifyStore.NotificationEvent e, Claimed row, MessageRenderer.Input in) {
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("deliveryId", row.id());
        body.put("subject", e.subjectId());
        body.put("transition", e.transition());
        body.put("kind", TransitionKind.valueOf(row.kind()).wire());
        body.put("title", in.title());
        try {
            body.put("services", json.readValue(row.services(), String[].class));
        } catch (Exception ex) {
            body.put("services", List.of());
        }
        body.put("serviceNames", in.services());
        body.put("updates", in.updates());
        body.put("link", in.link());
        body.put("at", Instant.now(clock));
        try {
            return json.writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The message as it goes out for this ledger row; empty when the subscriber may no longer get it. */
    Optional<ChannelGateway.Outgoing> prepare(NotifyStore.NotificationEvent e, Claimed row) throws SQLException {
        Channel channel = Channel.valueOf(e.channel().toUpperCase());
        Optional<Subscriber> s;
        try (Connection c = subscribers.connection()) {
            s = subscribers.find(c, e.subscriberId());
        }
        if (s.isEmpty() || s.get().erased() || s.get().channels().get(channel) != ChannelState.CONFIRMED) {
            return Optional.empty();
        }
        String address = switch (channel) {
            case SMS -> s.get().contact().phone();
            case EMAIL -> s.get().contact().email();
            case WEBHOOK -> s.get().contact().webhookUrl();
        };
        String optOut = baseUrl + "/avmelding/" + s.get().unsubscribeToken();
        MessageRenderer.Input in = input(e, row, s.get(), optOut);
        MessageRenderer renderer = new MessageRenderer(engine);
        if (channel == Channel.SMS) {
            return Optional.of(new ChannelGateway.Outgoing(row.id(), e.subscriberId(), channel, address, null,
                    renderer.sms(in).text(), null, optOut));
        }
        if (channel == Channel.WEBHOOK) {
            return Optional.of(new ChannelGateway.Outgoing(row.id(), e.subscriberId(), channel, address, null,
                    webhookBody(e, row, in), null, optOut));
        }
        MessageRenderer.Email mail = renderer.email(in);
        return Optional.of(new ChannelGateway.Outgoing(row.id(), e.subscriberId(), channel, address, mail.subject(),
                mail.text(), mail.html(), optOut));
    }

    /**
     * Settles a send whose outcome is unknown (no answer after the request was sent, or the sender stopped between
     * the claim and the outcome): asks the provider whether it got the message. Got it: sent. Did not: queued
     * again (nobody gets it twice). Could not be asked now (the provider is down): stays unknown and is asked again
     * later, with backoff. Cannot tell at all (SMTP has no lookup): stays unknown for good, a possible loss.
     *
     * @return the row's new state
     */
    public String reconcile(long id) throws SQLException {
        NotifyStore.NotificationEvent e;
        Claimed row;
        Instant claimedAt;
        int lookups;
        try (Connection c = notify.connection(); PreparedStatement ps = c.prepareStatement("SELECT subject_id, "
                + "transition, subscriber_id, channel, kind, services, update_id, attempts, coalesce(attempted_at, updated_at), "
                + "created_at, lookups FROM notification "
                + "WHERE id = ? AND state = 'unknown'")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return "not-unknown";
                }
                e = new NotifyStore.NotificationEvent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4));
                row = new Claimed(id, rs.getString(5), rs.getString(6), rs.getLong(7), rs.getInt(8),
                        rs.getTimestamp(10).toInstant());
                claimedAt = rs.getTimestamp(9).toInstant();
                lookups = rs.getInt(11);
            }
        }
        Optional<ChannelGateway.Outgoing> out = prepare(e, row);
        if (out.isEmpty()) {
            settle(id, "skipped", "consent withdrawn", null, null);
            return "skipped";
        }
        ChannelGateway.Lookup found = gateway(Channel.valueOf(e.channel().toUpperCase()))
                .lookup(out.get(), claimedAt.minus(java.time.Duration.ofMinutes(10)));
        Instant now = Instant.now(clock);
        switch (found.result()) {
            case FOUND -> settle(id, "sent", null, found.providerId(), null);
            case NOT_FOUND -> settle(id, "retry", "the provider never got it; sending again", null, now);
            case CANNOT_TELL -> settle(id, "unknown", CANNOT_TELL, null, null);
            case UNAVAILABLE -> settle(id, "unknown", ASK_AGAIN, null, now.plus(Backoff.DEFAULT.delay(lookups + 1,
                    java.util.concurrent.ThreadLocalRandom.current()::nextDouble)));
        }
        String outcome = switch (found.result()) {
            case FOUND -> "sent";
            case NOT_FOUND -> "retry";
            case CANNOT_TELL -> "unknown";
            case UNAVAILABLE -> "ask-again";
        };
        registry.counter("driftsvakt.delivery.reconciled", "channel", e.channel(), "outcome", outcome).increment();
        LOG.infof("Notification %d with unknown outcome reconciled: %s", id, outcome);
        return outcome;
    }

    private void settle(long id, String state, String error, String providerId, Instant notBefore)
            throws SQLException {
        try (Connection c = notify.connection(); PreparedStatement ps = c.prepareStatement("UPDATE notification SET "
                + "state = ?, error = ?, provider_id = coalesce(?, provider_id), not_before = ?, updated_at = ?, "
                + "lookups = lookups + 1 WHERE id = ? AND state = 'unknown'")) {
            ps.setString(1, state);
            ps.setString(2, error);
            ps.setString(3, providerId);
            ps.setTimestamp(4, notBefore == null ? null : Timestamp.from(notBefore));
            ps.setTimestamp(5, Timestamp.from(Instant.now(clock)));
            ps.setLong(6, id);
            ps.executeUpdate();
        }
    }

    ChannelGateway gateway(Channel channel) {
        return channels.gateway(channel);
    }

    private MessageRenderer.Input input(NotifyStore.NotificationEvent e, Claimed row, Subscriber s, String optOut)
            throws SQLException {
        SubjectBuilder catalog = catalogView.current();
        List<String> serviceIds;
        try {
            serviceIds = List.of(json.readValue(row.services(), String[].class));
        } catch (Exception ex) {
            serviceIds = List.of();
        }
        String title;
        String priority = null;
        List<String> updates = new ArrayList<>();
        if (e.subjectId().startsWith("VED-")) { // planned maintenance: its title, window and description
            Optional<no.nhn.driftsvakt.maintenance.Maintenance> m = maintenance.find(e.subjectId());
            m.ifPresent(w -> {
                updates.add(w.window(s.contact().language()));
                updates.add(w.description());
            });
            return new MessageRenderer.Input(TransitionKind.valueOf(row.kind()), s.contact().language(), e.subjectId(),
                    m.map(no.nhn.driftsvakt.maintenance.Maintenance::title).orElse(e.subjectId()),
                    catalog.names(serviceIds), updates, null, baseUrl + "/#vedlikehold-" + e.subjectId(), optOut);
        }
        try (Connection c = notify.connection()) {
            List<NotifyStore.Member> members = notify.membersOf(c, e.subjectId());
            title = e.subjectId().startsWith("PRB-") ? notify.problemTitle(c, e.subjectId())
                    : members.isEmpty() ? notify.incidentTitle(c, e.subjectId()) : members.get(0).title();
            TransitionKind kind = TransitionKind.valueOf(row.kind());
            if (kind == TransitionKind.STAFF_ALERT || kind == TransitionKind.ESCALATION
                    || kind == TransitionKind.ASSIGNMENT) {
                priority = notify.priorityOf(c, e.subjectId());
            }
            notify.updatesOf(c, e.subjectId()).stream().filter(u -> u.id() <= row.updateId())
                    .reduce((a, b) -> b).ifPresent(u -> updates.add(u.text()));
        }
        // A support group is sent to the incident in the console, where it can act; everyone else to driftsweb.
        String link = TransitionKind.valueOf(row.kind()) == TransitionKind.ASSIGNMENT
                ? baseUrl + "/console/hendelser/" + e.subjectId() : baseUrl + "/hendelser/" + e.subjectId();
        return new MessageRenderer.Input(TransitionKind.valueOf(row.kind()), s.contact().language(), e.subjectId(),
                title, catalog.names(serviceIds), updates, priority, link, optOut);
    }

    /** planned | retry → sending, atomically; empty when someone else has it or it is done. */
    private Optional<Claimed> claim(NotifyStore.NotificationEvent e) throws SQLException {
        try (Connection c = notify.connection(); PreparedStatement ps = c.prepareStatement("UPDATE notification SET "
                + "state = 'sending', attempts = attempts + 1, updated_at = ?, attempted_at = ? WHERE subject_id = ? "
                + "AND transition = ? AND subscriber_id = ? AND channel = ? AND state IN ('planned', 'retry') "
                + "RETURNING id, kind, services, update_id, attempts, created_at")) {
            Timestamp now = Timestamp.from(Instant.now(clock));
            ps.setTimestamp(1, now);
            ps.setTimestamp(2, now);
            ps.setString(3, e.subjectId());
            ps.setString(4, e.transition());
            ps.setString(5, e.subscriberId());
            ps.setString(6, e.channel());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Claimed(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getLong(4), rs.getInt(5), rs.getTimestamp(6).toInstant())) : Optional.empty();
            }
        }
    }

    private void complete(Claimed row, NotifyStore.NotificationEvent e, String state, String error, String providerId,
                          Instant notBefore) throws SQLException {
        Instant now = Instant.now(clock);
        try (Connection c = notify.connection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("UPDATE notification SET state = ?, error = ?, "
                        + "provider_id = ?, updated_at = ?, not_before = ? WHERE id = ?")) {
                    ps.setString(1, state);
                    ps.setString(2, error);
                    ps.setString(3, providerId);
                    ps.setTimestamp(4, Timestamp.from(now));
                    ps.setTimestamp(5, notBefore == null ? null : Timestamp.from(notBefore));
                    ps.setLong(6, row.id());
                    ps.executeUpdate();
                }
                outbox.add(c, Topics.DELIVERIES.name(), e.subscriberId(), json.writeValueAsString(new DeliveryEvent(
                        row.id(), e.subscriberId(), e.subjectId(), e.transition(), e.channel(), state, providerId, now)));
                c.commit();
            } catch (SQLException | RuntimeException | com.fasterxml.jackson.core.JsonProcessingException ex) {
                c.rollback();
                throw new SQLException(ex);
            }
        }
        outbox.wake();
        registry.counter("driftsvakt.delivery.outcomes", "channel", e.channel(), "state", state).increment();
        LOG.infof("Notification %d (%s %s, %s) to %s: %s%s", row.id(), e.subjectId(), e.transition(), e.channel(),
                e.subscriberId(), state, error == null ? "" : " — " + error);
    }
}
