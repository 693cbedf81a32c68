package no.nhn.driftsvakt.console;

import io.quarkus.qute.TemplateExtension;

/** Helpers for console templates. */
@TemplateExtension
final class ConsoleTemplateExtensions {

    private ConsoleTemplateExtensions() {
    }

    /** {@code {d.error.maskedContacts}}: a provider's error text with phone numbers and e-mail addresses masked. */
    static String maskedContacts(String text) {
        return NotificationsPage.masked(text);
    }
}
