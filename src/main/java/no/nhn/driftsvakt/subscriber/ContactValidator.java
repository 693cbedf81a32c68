package no.nhn.driftsvakt.subscriber;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import no.nhn.driftsvakt.platform.FieldError;

/** Checks and normalises a contact's fields; every problem is named by field. Pure. */
public final class ContactValidator {

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{7,14}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}");
    private static final List<String> WINDOWS = List.of("24/7", "opening-hours", "extended-hours");

    /** Either a contact or the errors; never both. */
    public record Outcome(Contact contact, List<FieldError> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    private final Predicate<String> groupExists;
    private final Predicate<String> componentExists;

    public ContactValidator(Predicate<String> groupExists, Predicate<String> componentExists) {
        this.groupExists = groupExists;
        this.componentExists = componentExists;
    }

    /** Groups and components as one catalog version has them. */
    public static ContactValidator forCatalog(no.nhn.driftsvakt.catalog.Catalog catalog) {
        return new ContactValidator(g -> catalog.customerGroups().stream().anyMatch(x -> x.id().equals(g)),
                c -> catalog.component(c).isPresent());
    }

    /** @param prefix put before each field name, e.g. {@code "row 4: "} */
    public Outcome validate(Map<String, String> fields, List<String> groups, List<String> components, String prefix) {
        return validate(fields, groups, components, prefix, false);
    }

    /** @param staff a member of staff (Incident Manager, on-call): no customer group needed */
    public Outcome validate(Map<String, String> fields, List<String> groups, List<String> components, String prefix,
                            boolean staff) {
        List<FieldError> errors = new ArrayList<>();
        String name = trimmed(fields.get("name"));
        if (name != null && name.length() > 200) {
            errors.add(new FieldError(400, prefix + "name", "at most 200 characters"));
        }
        String organisation = trimmed(fields.get("organisation"));
        if (organisation != null && organisation.length() > 200) {
            errors.add(new FieldError(400, prefix + "organisation", "at most 200 characters"));
        }
        String phone = null;
        String rawPhone = trimmed(fields.get("phone"));
        if (rawPhone != null) {
            phone = phone(rawPhone);
            if (phone == null) {
                errors.add(new FieldError(400, prefix + "phone", "not a mobile number: use +47 and 8 digits starting "
                        + "with 4 or 9, or another country's number in E.164 form (+ and up to 15 digits)"));
            }
        }
        String email = trimmed(fields.get("email"));
        if (email != null && (email.length() > 254 || !EMAIL.matcher(email).matches())) {
            errors.add(new FieldError(400, prefix + "email", "not an e-mail address"));
        }
        String webhook = trimmed(fields.get("webhookUrl"));
        if (webhook != null && !https(webhook)) {
            errors.add(new FieldError(400, prefix + "webhookUrl", "use an absolute https:// URL"));
        }
        if (rawPhone == null && email == null && webhook == null) {
            errors.add(new FieldError(400, prefix + "phone", "give a phone number, an e-mail address or both"));
        }
        String language = trimmed(fields.get("language"));
        if (language == null) {
            language = "nb";
        } else if (!language.equals("nb") && !language.equals("en")) {
            errors.add(new FieldError(400, prefix + "language", "use nb (bokmål) or en (English)"));
        }
        String window = trimmed(fields.get("window"));
        if (window != null && !WINDOWS.contains(window)) {
            errors.add(new FieldError(400, prefix + "window", "use one of " + WINDOWS));
        }
        if (groups.isEmpty() && !staff) {
            errors.add(new FieldError(400, prefix + "groups", "name at least one customer group"));
        }
        for (String g : groups) {
            if (!groupExists.test(g)) {
                errors.add(new FieldError(404, prefix + "groups", "unknown customer group '" + g + "'"));
            }
        }
        for (String c : components) {
            if (!componentExists.test(c)) {
                errors.add(new FieldError(404, prefix + "components", "unknown component '" + c + "'"));
            }
        }
        if (!errors.isEmpty()) {
            return new Outcome(null, errors);
        }
        return new Outcome(new Contact(name, organisation, phone, email == null ? null : email.toLowerCase(java.util.Locale.ROOT), webhook,
                language, window, groups, components), List.of());
    }

    /** E.164, or null. Norwegian numbers may be given as 8 digits, with spaces, or with 0047. */
    static String phone(String raw) {
        String p = raw.replaceAll("[\\s().-]", "");
        if (p.startsWith("00")) {
            p = "+" + p.substring(2);
        } else if (p.matches("[0-9]{8}")) {
            p = "+47" + p;
        }
        if (!E164.matcher(p).matches()) {
            return null;
        }
        if (p.startsWith("+47") && !p.matches("\\+47[49][0-9]{7}")) {
            return null; // Norwegian, but not a mobile number: SMS cannot reach it
        }
        return p;
    }

    private static boolean https(String url) {
        try {
            URI u = URI.create(url);
            return "https".equals(u.getScheme()) && u.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String trimmed(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
