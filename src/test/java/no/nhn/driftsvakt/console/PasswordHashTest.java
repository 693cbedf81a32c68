package no.nhn.driftsvakt.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;

import org.junit.jupiter.api.Test;

class PasswordHashTest {

    @Test
    void aHashMatchesItsPasswordOnlyAndIsSaltedEachTime() {
        String h = PasswordHash.create("riktig hest".toCharArray());
        assertTrue(h.startsWith("pbkdf2$" + PasswordHash.ITERATIONS + "$"), h);
        assertTrue(PasswordHash.wellFormed(h));
        assertTrue(PasswordHash.matches("riktig hest".toCharArray(), h));
        assertFalse(PasswordHash.matches("riktig hest ".toCharArray(), h));
        assertNotEquals(h, PasswordHash.create("riktig hest".toCharArray()), "a new salt each time");
    }

    @Test
    void malformedHashesNeverMatch() {
        for (String bad : new String[] {null, "", "plain", "pbkdf2$1$AAAA$AAAA", "md5$1$a$b", "pbkdf2$x$y$z"}) {
            assertFalse(PasswordHash.matches("x".toCharArray(), bad), String.valueOf(bad));
            assertFalse(PasswordHash.wellFormed(bad), String.valueOf(bad));
        }
    }

    @Test
    void rolesImplyTheOnesBelow() {
        assertEquals(EnumSet.allOf(Role.class), Role.ADMIN.withImplied());
        assertEquals(EnumSet.of(Role.VIEWER, Role.KUNDESENTER, Role.INCIDENT_MANAGER), Role.INCIDENT_MANAGER.withImplied());
        assertEquals(EnumSet.of(Role.VIEWER, Role.KUNDESENTER, Role.PROBLEM_MANAGER), Role.PROBLEM_MANAGER.withImplied());
        assertEquals(Role.KUNDESENTER, Role.of(" Kundesenter ").orElseThrow());
        assertTrue(Role.of("root").isEmpty());
    }
}
