package no.nhn.driftsvakt.console;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Console roles. Each implies the ones it builds on: admin ⊇ incident-manager ⊇ kundesenter ⊇ viewer, and
 * problem-manager ⊇ kundesenter. Pure.
 */
public enum Role {
    VIEWER("viewer"),
    KUNDESENTER("kundesenter"),
    INCIDENT_MANAGER("incident-manager"),
    PROBLEM_MANAGER("problem-manager"),
    ADMIN("admin");

    private final String id;

    Role(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** This role and every role it implies. */
    public Set<Role> withImplied() {
        return switch (this) {
            case VIEWER -> EnumSet.of(VIEWER);
            case KUNDESENTER -> EnumSet.of(VIEWER, KUNDESENTER);
            case INCIDENT_MANAGER -> EnumSet.of(VIEWER, KUNDESENTER, INCIDENT_MANAGER);
            case PROBLEM_MANAGER -> EnumSet.of(VIEWER, KUNDESENTER, PROBLEM_MANAGER);
            case ADMIN -> EnumSet.allOf(Role.class);
        };
    }

    public static Optional<Role> of(String id) {
        String want = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
        for (Role r : values()) {
            if (r.id.equals(want)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
