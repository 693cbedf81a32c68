package no.nhn.driftsvakt.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class RoleAugmentorTest {

    private final Map<String, String> mapping = RoleAugmentor.parse(List.of("NHN-Kundesenter:kundesenter",
            " nhn:drift:admin : admin ", "broken"));

    @Test
    void idpGroupsMapToConsoleRolesWithTheRolesTheyImply() {
        assertEquals(Set.of("viewer", "kundesenter"), RoleAugmentor.consoleRoles(Set.of("nhn-kundesenter"), mapping));
        assertEquals(Set.of("viewer", "kundesenter", "incident-manager", "problem-manager", "admin"),
                RoleAugmentor.consoleRoles(Set.of("NHN:Drift:Admin"), mapping), "keys may hold colons; case ignored");
    }

    @Test
    void withAMappingOnlyMappedRolesCountEvenIfAGroupIsCalledAdmin() {
        assertEquals(Set.of("viewer", "kundesenter"), RoleAugmentor.consoleRoles(Set.of("admin", "NHN-Kundesenter"),
                mapping));
    }

    @Test
    void rolesNamedLikeConsoleRolesNeedNoMappingAndUnknownOnesGrantNothing() {
        assertEquals(Set.of("viewer", "kundesenter", "problem-manager"),
                RoleAugmentor.consoleRoles(Set.of("problem-manager", "Alle-ansatte"), Map.of()));
        assertEquals(Set.of(), RoleAugmentor.consoleRoles(Set.of("Alle-ansatte", "broken"), mapping));
    }
}
