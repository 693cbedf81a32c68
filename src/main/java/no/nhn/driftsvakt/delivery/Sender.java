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
    record Claimed(long id, String kind, String services, long updateId, int attempts) {
    }

    /** A message the provider keeps refusing for now is given up after this many attempts. */
    static final int MAX_ATTEMPTS = 8;

    /** The error of an unknown outcome the provider cannot be asked about (not looked up again). */
    static final String CANNOT_TELL = "outcome unknown: the provider cannot be asked";

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
            complete(row, e, "skipped", "consent withdrawn before the send", null);
            return;
        }
        ChannelGateway.Outgoing out = prepared.get();
        try {
            channels.limiter(channel).acquire();
            String providerId = gateway(channel).send(out);
            complete(row, e, "sent", null, providerId);
        } catch (ChannelGateway.PermanentFailure f) {
            complete(row, e, "failed", f.getMessage(), null);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            complete(row, e, "retry", "interrupted before the send", null);
        } catch (ChannelGateway.RetryableFailure f) {
            if (row.attempts() >= MAX_ATTEMPTS) {
                complete(row, e, "failed", f.getMessage() + " (gave up after " + row.attempts() + " attempts)", null);
            } else {
                complete(row, e, "retry", f.getMessage(), null);
            }
        }
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
     * Settles a send whose outcome is unknown (the sender stopped between the claim and the outcome): asks the
     * provider whether it got the message. Got it: sent. Did not: queued again (nobody gets it twice). Cannot
     * tell (SMTP has no lookup): stays unknown, counted as a possible loss.
     *
     * @return the row's new state
     */
    public String reconcile(long id) throws SQLException {
        NotifyStore.NotificationEvent e;
        Claimed row;
        Instant claimedAt;
        try (Connection c = notify.connection(); PreparedStatement ps = c.prepareStatement("SELECT subject_id, "
                + "transition, subscriber_id, channel, kind, services, update_id, attempts, updated_at FROM notification "
                + "WHERE id = ? AND state = 'unknown'")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return "not-unknown";
                }
                e = new NotifyStore.NotificationEvent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4));
                row = new Claimed(id, rs.getString(5), rs.getString(6), rs.getLong(7), rs.getInt(8));
                claimedAt = rs.getTimestamp(9).toInstant();
            }
        }
        Optional<ChannelGateway.Outgoing> out = prepare(e, row);
        if (out.isEmpty()) {
            settle(id, "skipped", "consent withdrawn", null);
            return "skipped";
        }
        ChannelGateway.Lookup found = gateway(Channel.valueOf(e.channel().toUpperCase()))
                .lookup(out.get(), claimedAt.minus(java.time.Duration.ofMinutes(10)));
        String state = switch (found.result()) {
            case FOUND -> "sent";
            case NOT_FOUND -> "retry";
            case CANNOT_TELL -> "unknown";
        };
        settle(id, state, switch (state) {
            case "retry" -> "the provider never got it; sending again";
            case "unknown" -> CANNOT_TELL;
            default -> null;
        }, found.providerId());
        registry.counter("driftsvakt.delivery.reconciled", "channel", e.channel(), "outcome", state).increment();
        LOG.infof("Notification %d with unknown outcome reconciled: %s", id, state);
        return state;
    }

    private void settle(long id, String state, String error, String providerId) throws SQLException {
        try (Connection c = notify.connection(); PreparedStatement ps = c.prepareStatement("UPDATE notification SET "
                + "state = ?, error = ?, provider_id = coalesce(?, provider_id), not_before = ?, updated_at = ? "
                + "WHERE id = ? AND state = 'unknown'")) {
            Instant now = Instant.now(clock);
            ps.setString(1, state);
            ps.setString(2, error);
            ps.setString(3, providerId);
            ps.setTimestamp(4, state.equals("retry") ? Timestamp.from(now) : null);
            ps.setTimestamp(5, Timestamp.from(now));
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
                + "state = 'sending', attempts = attempts + 1, updated_at = ? WHERE subject_id = ? AND transition = ? "
                + "AND subscriber_id = ? AND channel = ? AND state IN ('planned', 'retry') "
                + "RETURNING id, kind, services, update_id, attempts")) {
            ps.setTimestamp(1, Timestamp.from(Instant.now(clock)));
            ps.setString(2, e.subjectId());
            ps.setString(3, e.transition());
            ps.setString(4, e.subscriberId());
            ps.setString(5, e.channel());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Claimed(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getLong(4), rs.getInt(5))) : Optional.empty();
            }
        }
    }

    private void complete(Claimed row, NotifyStore.NotificationEvent e, String state, String error, String providerId)
            throws SQLException {
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
                    ps.setTimestamp(5, state.equals("retry") ? Timestamp.from(now.plus(Backoff.DEFAULT.delay(
                            row.attempts(), java.util.concurrent.ThreadLocalRandom.current()::nextDouble))) : null);
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
