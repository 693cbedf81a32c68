package no.nhn.driftsvakt.maintenance;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import no.nhn.driftsvakt.platform.FieldError;

/**
 * What a maintenance window must be before it is stored, for the API and the console alike: a title (1–200
 * characters), a description (1–4000), at least one component of the catalog, and a window that ends after it
 * starts, has not ended, and lasts at most 14 days. Each check names the first problem: 400 for a bad value, 404 for
 * an unknown component. Pure.
 */
public final class MaintenanceRules {

    public static final Duration LONGEST = Duration.ofDays(14);

    private MaintenanceRules() {
    }

    /** Title, description and components. */
    public static Optional<FieldError> text(String title, String description, List<String> components,
                                            Predicate<String> componentExists) {
        if (title == null || title.isBlank() || title.length() > 200) {
            return bad("title", "a title of 1 to 200 characters is required");
        }
        if (description == null || description.isBlank() || description.length() > 4000) {
            return bad("description", "a description of 1 to 4000 characters is required");
        }
        if (components == null || components.isEmpty()) {
            return bad("components", "at least one component is required");
        }
        for (String c : components) {
            if (c == null || !componentExists.test(c)) {
                return Optional.of(new FieldError(404, "components", "'" + c + "' is not a component in the catalog"));
            }
        }
        return Optional.empty();
    }

    /** The window, at {@code now}. */
    public static Optional<FieldError> window(Instant start, Instant end, Instant now) {
        if (!end.isAfter(start)) {
            return bad("endsAt", "the window must end after it starts");
        }
        if (end.isBefore(now)) {
            return bad("endsAt", "the window has already ended");
        }
        if (Duration.between(start, end).toDays() > LONGEST.toDays()) {
            return bad("endsAt", "a window can last at most 14 days");
        }
        return Optional.empty();
    }

    private static Optional<FieldError> bad(String field, String message) {
        return Optional.of(new FieldError(400, field, message));
    }
}
