package no.nhn.driftsvakt.delivery;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import no.nhn.driftsvakt.subscriber.ContactMasks;

/**
 * E-mail through Quarkus Mailer over SMTP (STARTTLS and credentials in {@code quarkus.mailer.*}): text and HTML,
 * with the one-step opt-out as {@code List-Unsubscribe} and {@code List-Unsubscribe-Post} (RFC 8058), so mail
 * clients offer "unsubscribe" and can do it with one POST. SMTP 5xx answers are permanent; the rest are retried.
 */
public final class MailGateway implements ChannelGateway {

    private final Mailer mailer;
    private final String from;

    public MailGateway(Mailer mailer, String from) {
        this.mailer = mailer;
        this.from = from;
    }

    @Override
    public String send(Outgoing m) throws PermanentFailure, RetryableFailure {
        Mail mail = Mail.withText(m.address(), m.subject(), m.text()).setFrom(from);
        if (m.html() != null) {
            mail.setHtml(m.html());
        }
        if (m.optOutLink() != null) {
            mail.addHeader("List-Unsubscribe", "<" + m.optOutLink() + ">");
            mail.addHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        mail.addHeader("Auto-Submitted", "auto-generated");
        try {
            mailer.send(mail);
            return "smtp-" + m.notificationId();
        } catch (RuntimeException e) {
            String why = "SMTP refused mail to " + ContactMasks.email(m.address()) + ": " + firstLine(e);
            if (why.matches(".*\\b5[0-9][0-9]\\b.*")) {
                throw new PermanentFailure(why);
            }
            throw new RetryableFailure(why);
        }
    }

    private static String firstLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String msg = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return msg.lines().findFirst().orElse("");
    }
}
