package no.nhn.driftsvakt.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import no.nhn.driftsvakt.notify.template.MessageRenderer;

/** An assignment tells the support group's contact once, on every channel they confirmed. */
class AssignmentNoticesTest {

    static final Recipient CONTACT = new Recipient("SUB-NETT", Set.of(), Map.of(Channel.EMAIL, ChannelState.CONFIRMED,
            Channel.SMS, ChannelState.PENDING), NotifyWindow.ALWAYS, "nb", true);

    private static List<String> plan(String state, String group, Optional<Recipient> contact, Set<String> fired) {
        return AssignmentNotices.plan("INC-1", state, "core", group, contact, fired).stream()
                .map(d -> d.subscriberId() + " " + d.channel() + " " + d.kind() + " " + d.transition() + " "
                        + d.reason()).toList();
    }

    @Test
    void theContactIsToldOncePerGroupOnConfirmedChannels() {
        assertEquals(List.of("SUB-NETT SMS ASSIGNMENT assigned-nettverk#1 SKIPPED_NOT_CONFIRMED",
                        "SUB-NETT EMAIL ASSIGNMENT assigned-nettverk#1 SEND"),
                plan("investigating", "nettverk", Optional.of(CONTACT), Set.of()));
        assertEquals(List.of(), plan("investigating", "nettverk", Optional.of(CONTACT), Set.of("assigned-nettverk#1")),
                "told before");
        assertEquals(2, plan("investigating", "dmvpn", Optional.of(CONTACT), Set.of("assigned-nettverk#1")).size(),
                "escalated on: the next group is told");
    }

    @Test
    void nothingWithoutAGroupAContactOrAnOpenIncident() {
        assertEquals(List.of(), plan("investigating", null, Optional.of(CONTACT), Set.of()));
        assertEquals(List.of(), plan("investigating", "nettverk", Optional.empty(), Set.of()));
        assertEquals(List.of(), plan("resolved", "nettverk", Optional.of(CONTACT), Set.of()));
    }

    @Test
    void theMessageTellsTheGroupItHasTheIncidentInBothLanguages() {
        MessageRenderer r = new MessageRenderer(MessageRenderer.standaloneEngine());
        String link = "https://driftsvakt.nhn.no/console/hendelser/INC-000007";
        MessageRenderer.Input nb = new MessageRenderer.Input(TransitionKind.ASSIGNMENT, "nb", "INC-000007",
                "DMVPN-hub nede", List.of("DMVPN-hub Oslo"), List.of(), "P2", link, null);
        assertEquals("Driftsvakt P2: hendelse på DMVPN-hub Oslo er tildelt gruppen deres. " + link, r.sms(nb).text());
        assertEquals("[Driftsvakt P2] Tildelt gruppen deres: DMVPN-hub Oslo", r.email(nb).subject());
        assertTrue(r.email(nb).text().startsWith("Denne hendelsen er tildelt supportgruppen deres"));
        MessageRenderer.Input en = new MessageRenderer.Input(TransitionKind.ASSIGNMENT, "en", "INC-000007",
                "DMVPN hub down", List.of("DMVPN-hub Oslo"), List.of(), "P2", link, null);
        assertEquals("Driftsvakt P2: incident on DMVPN-hub Oslo assigned to your group. " + link, r.sms(en).text());
        assertEquals("[Driftsvakt P2] Assigned to your group: DMVPN-hub Oslo", r.email(en).subject());
    }
}
