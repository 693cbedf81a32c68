package no.nhn.driftsvakt.delivery;

import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;


import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.mailer.Mailer;
import io.quarkus.runtime.StartupEvent;
import no.nhn.driftsvakt.notify.Channel;
import no.nhn.driftsvakt.subscriber.ConsentMessenger;

/**
 * Which gateway each channel uses: Twilio and SMTP when configured ({@code driftsvakt.sms.provider=twilio},
 * {@code driftsvakt.email.provider=smtp}), else the local outbox (the embedded default: nothing leaves the
 * machine). Webhooks always go to the subscriber's endpoint. Opt-in messages take the same way.
 */
@ApplicationScoped
public class Channels implements ConsentMessenger {

    private static final Logger LOG = Logger.getLogger(Channels.class);

    @Inject
    LocalOutbox localOutbox;

    @Inject
    Mailer mailer;

    @Inject
    no.nhn.driftsvakt.subscriber.SubscriberStore subscribers;

    @Inject
    Clock clock;

    @ConfigProperty(name = "driftsvakt.sms.provider", defaultValue = "local")
    String smsProvider;

    @ConfigProperty(name = "driftsvakt.email.provider", defaultValue = "local")
    String emailProvider;

    @ConfigProperty(name = "driftsvakt.email.from", defaultValue = "Norsk Helsenett driftsmeldinger <driftsmeldinger@nhn.no>")
    String emailFrom;

    @ConfigProperty(name = "driftsvakt.twilio.account-sid")
    Optional<String> twilioSid;

    @ConfigProperty(name = "driftsvakt.twilio.auth-token")
    Optional<String> twilioToken;

    @ConfigProperty(name = "driftsvakt.twilio.messaging-service-sid")
    Optional<String> twilioService;

    @ConfigProperty(name = "driftsvakt.twilio.from")
    Optional<String> twilioFrom;

    @ConfigProperty(name = "driftsvakt.twilio.api-host")
    Optional<URI> twilioApiHost;

    /** Nothing was sent when a connection cannot be made within this. */
    @ConfigProperty(name = "driftsvakt.twilio.connect-timeout", defaultValue = "5s")
    java.time.Duration twilioConnectTimeout;

    /** No answer within this after the request was sent: the outcome is unknown and looked up before a retry. */
    @ConfigProperty(name = "driftsvakt.twilio.read-timeout", defaultValue = "15s")
    java.time.Duration twilioReadTimeout;

    @ConfigProperty(name = "driftsvakt.public-base-url", defaultValue = "http://localhost:8080")
    String baseUrl;

    @ConfigProperty(name = "driftsvakt.sms.rate-per-second", defaultValue = "10")
    double smsRate;

    @ConfigProperty(name = "driftsvakt.email.rate-per-second", defaultValue = "0")
    double emailRate;

    private final java.util.Map<Channel, RateLimiter> limiters = new java.util.EnumMap<>(Channel.class);
    private volatile ChannelGateway sms;
    private ChannelGateway email;
    private ChannelGateway webhook;

    void start(@Observes StartupEvent ev) {
        ChannelGateway local = new LocalGateway(localOutbox);
        if ("twilio".equals(smsProvider)) {
            sms = new TwilioGateway(new TwilioGateway.Settings(
                    twilioSid.orElseThrow(() -> new IllegalStateException("driftsvakt.twilio.account-sid is not set")),
                    twilioToken.orElseThrow(() -> new IllegalStateException("driftsvakt.twilio.auth-token is not set")),
                    twilioService, twilioFrom, baseUrl + "/api/v1/twilio/status", twilioApiHost,
                    twilioConnectTimeout, twilioReadTimeout));
        } else {
            sms = local;
        }
        email = "smtp".equals(emailProvider) ? new MailGateway(mailer, emailFrom) : local;
        webhook = new WebhookGateway(this::webhookSecret, clock);
        limiters.put(Channel.SMS, new RateLimiter(smsRate, System::nanoTime));
        limiters.put(Channel.EMAIL, new RateLimiter(emailRate, System::nanoTime));
        limiters.put(Channel.WEBHOOK, new RateLimiter(0, System::nanoTime));
        LOG.infof("Channels: SMS via %s, e-mail via %s, webhooks direct", "twilio".equals(smsProvider) ? "Twilio"
                : "the local outbox", "smtp".equals(emailProvider) ? "SMTP" : "the local outbox");
    }

    public ChannelGateway gateway(Channel channel) {
        return switch (channel) {
            case SMS -> sms;
            case EMAIL -> email;
            case WEBHOOK -> webhook;
        };
    }

    /** Tests only: SMS go through this gateway from now on (e.g. Twilio's SDK into a fake Twilio). */
    ChannelGateway replaceSms(ChannelGateway gateway) {
        ChannelGateway before = sms;
        sms = gateway;
        return before;
    }

    /** This sender's pace for a channel's provider. */
    public RateLimiter limiter(Channel channel) {
        return limiters.get(channel);
    }

    @Override
    public void sendSmsCode(String subscriberId, String phone, String text) {
        sendOptIn(Channel.SMS, subscriberId, phone, null, text);
    }

    @Override
    public void sendEmail(String subscriberId, String address, String subject, String text) {
        sendOptIn(Channel.EMAIL, subscriberId, address, subject, text);
    }

    private void sendOptIn(Channel channel, String subscriberId, String address, String subject, String text) {
        try {
            gateway(channel).send(new ChannelGateway.Outgoing(0, subscriberId, channel, address, subject, text, null,
                    null));
        } catch (ChannelGateway.PermanentFailure | ChannelGateway.RetryableFailure | ChannelGateway.UnknownOutcome e) {
            LOG.warnf("Opt-in %s for %s not sent: %s", channel.wire(), subscriberId, e.getMessage());
        }
    }

    private String webhookSecret(String subscriberId) {
        // read at send time, like the address: a rotated secret applies at once
        try (Connection c = subscribers.connection()) {
            return subscribers.webhookSecret(c, subscriberId).orElse("");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
