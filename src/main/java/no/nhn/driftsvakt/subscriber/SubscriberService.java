package no.nhn.driftsvakt.subscriber;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import no.nhn.driftsvakt.notify.Channel;
import no.nhn.driftsvakt.notify.ChannelState;
import no.nhn.driftsvakt.platform.FieldError;
import no.nhn.driftsvakt.platform.Tokens;

/**
 * Consent as a process: a new contact is pending per channel until it proves the address (an SMS code or an
 * e-mail link), every opt-in request, confirmation and opt-out is a consent record with the text shown, opt-out
 * takes one step, export shows everything held, and erasure removes the name and addresses.
 */
@ApplicationScoped
public class SubscriberService {

    private static final Logger LOG = Logger.getLogger(SubscriberService.class);
    static final Duration CHALLENGE_TTL = Duration.ofHours(24);
    static final int MAX_ATTEMPTS = 5;

    @Inject
    SubscriberStore store;

    @Inject
    ConsentMessenger messenger;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "driftsvakt.public-base-url", defaultValue = "http://localhost:8080")
    String baseUrl;

    private final SecureRandom random = new SecureRandom();

    /** Thrown for a request that cannot be carried out; the resource turns it into a problem body. */
    public static final class Refused extends Exception {
        private final FieldError error;

        Refused(int status, String field, String message) {
            super(message);
            this.error = new FieldError(status, field, message);
        }

        public FieldError error() {
            return error;
        }
    }

    /**
     * Registers a contact; every channel with an address starts pending and gets its challenge.
     *
     * @param method how the contact came: staff, import or self-service (recorded with the consent)
     */
    public Subscriber register(Contact contact, String method) throws SQLException, Refused {
        Instant now = Instant.now(clock);
        Map<Channel, String> secrets = new EnumMap<>(Channel.class);
        Subscriber s;
        try (Connection c = store.connection()) {
            c.setAutoCommit(false);
            try {
                if (store.idByAddress(c, contact.phone(), contact.email()).isPresent()) {
                    c.rollback();
                    throw new Refused(409, contact.phone() != null ? "phone" : "email",
                            "this phone number or e-mail address is already registered");
                }
                Map<Channel, ChannelState> channels = new EnumMap<>(Channel.class);
                if (contact.phone() != null) {
                    channels.put(Channel.SMS, ChannelState.PENDING);
                }
                if (contact.email() != null) {
                    channels.put(Channel.EMAIL, ChannelState.PENDING);
                }
                if (contact.webhookUrl() != null) {
                    // A webhook is set up by staff with the customer's system; there is no person to confirm it.
                    channels.put(Channel.WEBHOOK, "staff".equals(method) ? ChannelState.CONFIRMED : ChannelState.PENDING);
                }
                s = new Subscriber(store.nextId(c), contact, channels, token(24), now, null);
                store.insert(c, s, now);
                if (contact.webhookUrl() != null) {
                    store.setWebhookSecret(c, s.id(), token(32));
                }
                for (Channel ch : channels.keySet()) {
                    store.addConsent(c, s.id(), new SubscriberStore.ConsentRecord(ch.wire(), "opt-in-requested",
                            method, ConsentTexts.VERSION, ConsentTexts.optIn(contact.language()), now));
                }
                if (contact.phone() != null) {
                    secrets.put(Channel.SMS, code());
                }
                if (contact.email() != null) {
                    secrets.put(Channel.EMAIL, token(24));
                }
                for (Map.Entry<Channel, String> e : secrets.entrySet()) {
                    store.putChallenge(c, s.id(), e.getKey(), Tokens.sha256Hex(e.getValue()), now.plus(CHALLENGE_TTL));
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        String lang = contact.language();
        if (secrets.containsKey(Channel.SMS)) {
            messenger.sendSmsCode(s.id(), contact.phone(), ConsentTexts.smsCode(lang, secrets.get(Channel.SMS)));
        }
        if (secrets.containsKey(Channel.EMAIL)) {
            messenger.sendEmail(s.id(), contact.email(), ConsentTexts.emailSubject(lang),
                    ConsentTexts.emailBody(lang, baseUrl + "/bekreft/" + secrets.get(Channel.EMAIL)));
        }
        registry.counter("driftsvakt.subscribers.registered", "method", method).increment();
        LOG.infof("Subscriber %s registered (%s), channels %s pending confirmation", s.id(), method,
                s.channels().keySet());
        return s;
    }

    /** Confirms the SMS channel with the code; at most five tries per code. */
    public Subscriber confirmSms(String id, String code) throws SQLException, Refused {
        Instant now = Instant.now(clock);
        try (Connection c = store.connection()) {
            c.setAutoCommit(false);
            try {
                Optional<Object[]> ch = store.challenge(c, id, Channel.SMS);
                if (ch.isEmpty()) {
                    c.rollback();
                    throw new Refused(404, "code", "no SMS confirmation is waiting for this subscriber");
                }
                if (((Instant) ch.get()[2]).isBefore(now) || (int) ch.get()[1] >= MAX_ATTEMPTS) {
                    store.dropChallenge(c, id, Channel.SMS);
                    c.commit();
                    throw new Refused(410, "code", "the code has expired or was tried too many times; ask for a new one");
                }
                if (code == null || !Tokens.constantTimeEquals(Tokens.sha256Hex(code.strip()), (String) ch.get()[0])) {
                    store.countAttempt(c, id, Channel.SMS);
                    c.commit();
                    throw new Refused(400, "code", "wrong code");
                }
                confirm(c, id, Channel.SMS, "sms-code", now);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        return find(id).orElseThrow();
    }

    /** Confirms the e-mail channel from the link's token. */
    public Optional<Subscriber> confirmEmail(String token) throws SQLException {
        Instant now = Instant.now(clock);
        String id;
        try (Connection c = store.connection()) {
            c.setAutoCommit(false);
            try {
                Optional<String> found = store.idByEmailChallenge(c, Tokens.sha256Hex(token));
                if (found.isEmpty()) {
                    c.rollback();
                    return Optional.empty();
                }
                id = found.get();
                Object[] ch = store.challenge(c, id, Channel.EMAIL).orElseThrow();
                if (((Instant) ch[2]).isBefore(now)) {
                    store.dropChallenge(c, id, Channel.EMAIL);
                    c.commit();
                    return Optional.empty();
                }
                confirm(c, id, Channel.EMAIL, "email-link", now);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        return find(id);
    }

    private void confirm(Connection c, String id, Channel channel, String method, Instant now) throws SQLException {
        Subscriber s = store.find(c, id).orElseThrow();
        store.setState(c, id, channel, ChannelState.CONFIRMED, now);
        store.dropChallenge(c, id, channel);
        store.addConsent(c, id, new SubscriberStore.ConsentRecord(channel.wire(), "opt-in-confirmed", method,
                ConsentTexts.VERSION, ConsentTexts.optIn(s.contact().language()), now));
        registry.counter("driftsvakt.subscribers.consent", "channel", channel.wire(), "action", "confirmed").increment();
        LOG.infof("Subscriber %s confirmed %s", id, channel.wire());
    }

    /**
     * Opts the subscriber with this link token out of the given channels (all when empty), in one step.
     *
     * @return the subscriber, or empty for an unknown token
     */
    public Optional<Subscriber> optOutByToken(String token, List<Channel> channels, String method) throws SQLException {
        Optional<Subscriber> s;
        try (Connection c = store.connection()) {
            s = store.findByToken(c, token);
        }
        if (s.isEmpty()) {
            return Optional.empty();
        }
        optOut(s.get().id(), channels, method);
        return find(s.get().id());
    }

    /** Opts out of SMS for the subscriber with this number (an SMS reply STOPP/STOP). */
    public Optional<String> optOutByPhone(String phone, String method) throws SQLException {
        Optional<Subscriber> s;
        try (Connection c = store.connection()) {
            s = store.findByPhone(c, phone);
        }
        if (s.isPresent()) {
            optOut(s.get().id(), List.of(Channel.SMS), method);
        }
        return s.map(Subscriber::id);
    }

    public void optOut(String id, List<Channel> channels, String method) throws SQLException {
        Instant now = Instant.now(clock);
        try (Connection c = store.connection()) {
            c.setAutoCommit(false);
            try {
                Subscriber s = store.find(c, id).orElseThrow();
                for (Map.Entry<Channel, ChannelState> e : s.channels().entrySet()) {
                    if ((channels.isEmpty() || channels.contains(e.getKey())) && e.getValue() != ChannelState.OPTED_OUT) {
                        store.setState(c, id, e.getKey(), ChannelState.OPTED_OUT, now);
                        store.dropChallenge(c, id, e.getKey());
                        store.addConsent(c, id, new SubscriberStore.ConsentRecord(e.getKey().wire(), "opt-out", method,
                                ConsentTexts.VERSION, ConsentTexts.optOut(s.contact().language()), now));
                        registry.counter("driftsvakt.subscribers.consent", "channel", e.getKey().wire(), "action",
                                "opted_out").increment();
                        LOG.infof("Subscriber %s opted out of %s (%s)", id, e.getKey().wire(), method);
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    public Optional<Subscriber> find(String id) throws SQLException {
        if (id == null) {
            return Optional.empty();
        }
        try (Connection c = store.connection()) {
            return store.find(c, id);
        }
    }

    public List<Subscriber> byGroup(String group) throws SQLException {
        try (Connection c = store.connection()) {
            return store.byGroup(c, group);
        }
    }

    /**
     * Subscribers (not erased) found by id, phone number (in any form a person types it), e-mail address, or a part
     * of the name or organisation, optionally in one customer group; blank term and group: the first ones by id.
     */
    public List<Subscriber> search(String term, String group, int limit) throws SQLException {
        String t = term == null || term.isBlank() ? null : term.strip();
        String g = group == null || group.isBlank() ? null : group.strip();
        try (Connection c = store.connection()) {
            return store.search(c, t, t == null ? null : ContactValidator.phone(t), g, limit);
        }
    }

    /** How many subscribers (not erased) are in at least one of these customer groups. */
    public long countInAny(java.util.Collection<String> groups) throws SQLException {
        if (groups.isEmpty()) {
            return 0;
        }
        try (Connection c = store.connection(); java.sql.PreparedStatement ps = c.prepareStatement(
                "SELECT count(DISTINCT g.subscriber_id) FROM subscriber_group g JOIN subscriber s ON s.id = "
                        + "g.subscriber_id WHERE s.erased_at IS NULL AND g.group_id = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("text", groups.toArray()));
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Subscribers (not erased) per customer group id. */
    public Map<String, Long> countsByGroup() throws SQLException {
        try (Connection c = store.connection()) {
            return store.countsByGroup(c);
        }
    }

    /** The webhook signing secret, for staff to hand to the customer's system. */
    public Optional<String> webhookSecret(String id) throws SQLException {
        try (Connection c = store.connection()) {
            return store.webhookSecret(c, id);
        }
    }

    /** Everything held about a subscriber (the right of access): contact, choices, consent history. */
    public Optional<Map<String, Object>> export(String id) throws SQLException {
        try (Connection c = store.connection()) {
            Optional<Subscriber> s = store.find(c, id);
            if (s.isEmpty()) {
                return Optional.empty();
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("subscriber", s.get());
            out.put("consents", store.consents(c, id));
            out.put("exportedAt", Instant.now(clock));
            return Optional.of(out);
        }
    }

    /** Erasure: no name, phone number or e-mail address remains; the consent history stays with the id only. */
    public boolean erase(String id, String actor) throws SQLException {
        Instant now = Instant.now(clock);
        try (Connection c = store.connection()) {
            c.setAutoCommit(false);
            try {
                Optional<Subscriber> s = store.find(c, id);
                if (s.isEmpty()) {
                    c.rollback();
                    return false;
                }
                store.erase(c, id, now);
                for (Channel ch : s.get().channels().keySet()) {
                    store.addConsent(c, id, new SubscriberStore.ConsentRecord(ch.wire(), "erased", "staff:" + actor,
                            ConsentTexts.VERSION, "Kontaktopplysningene er slettet. / The contact details were erased.",
                            now));
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        registry.counter("driftsvakt.subscribers.erased").increment();
        LOG.infof("Subscriber %s erased by %s", id, actor);
        return true;
    }

    /** Registers every valid row of a CSV file for a group; the report lists what was created and every problem. */
    public Map<String, Object> importCsv(String group, String csv, ContactValidator validator) throws SQLException {
        CsvImport.Result r = CsvImport.read(csv, group, validator);
        List<String> created = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>(r.errors());
        for (CsvImport.Row row : r.contacts()) {
            try {
                created.add(register(row.contact(), "import").id());
            } catch (Refused e) {
                errors.add(new FieldError(e.error().status(), "row " + row.row() + ": " + e.error().field(),
                        e.error().message()));
            }
        }
        errors.sort(java.util.Comparator.comparingInt(e -> rowOf(e.field())));
        LOG.infof("Import for group %s: %d contacts registered, %d rows refused", group, created.size(), errors.size());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("group", group);
        out.put("created", created.size());
        out.put("subscriberIds", created);
        out.put("refused", errors.size());
        out.put("errors", errors);
        return out;
    }

    private static int rowOf(String field) {
        String digits = field.replaceAll("^row (\\d+).*$", "$1");
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private String code() {
        return String.format("%06d", random.nextInt(1_000_000));
    }

    private String token(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
