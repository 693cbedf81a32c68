package no.nhn.driftsvakt.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Escalation timers, with the clock as a parameter. */
class EscalationTest {

    static final Instant OPENED = Instant.parse("2026-11-27T08:00:00Z");
    static final Escalation.Policy POLICY = new Escalation.Policy(Map.of(
            "P1", Escalation.Policy.parse("30m:customer-centre-lead,2h:technical-director,4h:ceo"),
            "P2", Escalation.Policy.parse("1h:customer-centre-lead"),
            "P3", Escalation.Policy.parse("none")));

    static Recipient person(String id) {
        return new Recipient(id, Set.of(), Map.of(Channel.SMS, ChannelState.CONFIRMED, Channel.EMAIL,
                ChannelState.CONFIRMED), NotifyWindow.ALWAYS, "nb", true);
    }

    static final Map<String, Recipient> ON_DUTY = Map.of("customer-centre-lead", person("SUB-LEAD"),
            "technical-director", person("SUB-TD"), "ceo", person("SUB-CEO"));

    private static List<String> plan(String priority, Set<String> fired, Duration after) {
        return Escalation.plan("INC-1", priority, "core", OPENED, POLICY, ON_DUTY, fired, OPENED.plus(after)).stream()
                .map(d -> d.subscriberId() + " " + d.channel() + " " + d.transition() + " " + d.reason()).toList();
    }

    @Test
    void eachLevelFiresWhenItsTimeHasComeAndOnlyOnce() {
        assertEquals(List.of(), plan("P1", Set.of(), Duration.ofMinutes(29)));
        assertEquals(List.of("SUB-LEAD SMS escalation#1 SEND", "SUB-LEAD EMAIL escalation#1 SEND"),
                plan("P1", Set.of(), Duration.ofMinutes(30)));
        assertEquals(List.of(), plan("P1", Set.of("escalation#1"), Duration.ofMinutes(119)), "sent already");
        assertEquals(List.of("SUB-TD SMS escalation#2 SEND", "SUB-TD EMAIL escalation#2 SEND"),
                plan("P1", Set.of("escalation#1"), Duration.ofHours(2)));
        assertEquals(List.of("SUB-CEO SMS escalation#3 SEND", "SUB-CEO EMAIL escalation#3 SEND"),
                plan("P1", Set.of("escalation#1", "escalation#2"), Duration.ofHours(5)));
    }

    @Test
    void levelsMissedWhileTheServiceWasDownFireAtTheNextRun() {
        assertEquals(6, plan("P1", Set.of(), Duration.ofHours(4)).size(), "three levels, two channels each");
    }

    @Test
    void otherPrioritiesFollowTheirOwnStepsAndNobodyOnDutyIsSkipped() {
        assertEquals(List.of(), plan("P2", Set.of(), Duration.ofMinutes(59)));
        assertEquals(2, plan("P2", Set.of(), Duration.ofHours(1)).size());
        assertEquals(List.of(), plan("P3", Set.of(), Duration.ofDays(3)));
        assertEquals(List.of(), plan("P4", Set.of(), Duration.ofDays(3)), "no steps configured");
        assertEquals(List.of(), Escalation.plan("INC-1", "P1", "core", OPENED, POLICY, Map.of(), Set.of(),
                OPENED.plus(Duration.ofHours(5))), "nobody on duty in any escalation role");
        Recipient optedOut = new Recipient("SUB-X", Set.of(), Map.of(Channel.SMS, ChannelState.OPTED_OUT),
                NotifyWindow.ALWAYS, "nb", true);
        assertEquals(Reason.SKIPPED_OPTED_OUT, Escalation.plan("INC-1", "P2", "core", OPENED, POLICY,
                Map.of("customer-centre-lead", optedOut), Set.of(), OPENED.plus(Duration.ofHours(1))).get(0).reason());
    }

    @Test
    void aBadStepIsNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Escalation.Policy.parse("30m:boss"))
                .getMessage().contains("'30m:boss'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Escalation.Policy.parse("soon:ceo"))
                .getMessage().contains("'soon' is not a duration"));
        assertEquals(List.of(), Escalation.Policy.parse(""));
    }
}
