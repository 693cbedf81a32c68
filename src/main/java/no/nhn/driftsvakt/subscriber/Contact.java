package no.nhn.driftsvakt.subscriber;

import java.util.List;

/**
 * A contact as given by staff, an import row or the self-service page, after validation and normalisation.
 *
 * @param phone      E.164 (e.g. +4791234567), or null
 * @param window     {@code 24/7}, {@code opening-hours}, {@code extended-hours}, or null for the groups' default
 * @param components the chosen components; empty means everything the groups use
 */
public record Contact(String name, String organisation, String phone, String email, String webhookUrl,
                      String language, String window, List<String> groups, List<String> components) {
    public Contact {
        groups = List.copyOf(groups);
        components = List.copyOf(components);
    }
}
