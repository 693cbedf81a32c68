package no.nhn.driftsvakt.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class NotificationPlannerTest {

    // Tuesday 10:00 and 22:00 in Oslo (CET, UTC+1 in November)
    static final Instant DAY = Instant.parse("2026-11-24T09:00:00Z");
    static final Instant NIGHT = Instant.parse("2026-11-24T21:00:00Z");
    static final Instant NEXT_MORNING = Instant.parse("2026-11-25T07:00:00Z");

    static final Map<Channel, ChannelState> BOTH = Map.of(Channel.SMS, ChannelState.CONFIRMED, Channel.EMAIL,
            ChannelState.CONFIRMED);

    static Recipient kari(NotifyWindow w) {
        return new Recipient("SUB-1", Set.of("edi", "e-resept", "helseid"), BOTH, w, "nb", true);
    }

    static SubjectView subject(Set<String> affected, SubjectView.PublicUpdate... updates) {
        return new SubjectView("PRB-000001", "Feil i kjernenett Oslo", affected, List.of(updates));
    }

    /** A recipient's ledger, fed with the planner's decisions as the planning loop would store them. */
    static final class Ledger {
        final List<LedgerEntry> rows = new ArrayList<>();
        int sms;

        List<Decision> plan(SubjectView s, Recipient r, Instant now) {
            return plan(s, r, Set.of(), now);
        }

        List<Decision> plan(SubjectView s, Recipient r, Set<String> underMaintenance, Instant now) {
            List<Decision> ds = NotificationPlanner.plan(s, r, Told.from(rows), sms, NotificationPlanner.Policy.DEFAULT,
                    underMaintenance, now);
            for (Decision d : ds) {
                if (!d.stored()) {
                    continue; // as NotifyStore.apply
                }
                if (d.changesHeld()) {
                    rows.replaceAll(e -> e.transition().equals(d.transition()) && e.channel() == d.channel()
                            ? new LedgerEntry(e.transition(), e.kind(), e.channel(), d.ledgerState(), e.services(),
                            e.updateId()) : e);
                } else {
                    rows.add(new LedgerEntry(d.transition(), d.kind(), d.channel(), d.ledgerState(), d.services(),
                            d.updateId()));
                }
                if (d.channel() == Channel.SMS && (d.reason() == Reason.SEND || d.reason() == Reason.RELEASED)) {
                    sms++;
                }
            }
            return ds;
        }
    }

    static Map<Channel, Reason> reasons(List<Decision> ds) {
        return ds.stream().collect(Collectors.toMap(Decision::channel, Decision::reason));
    }

    @Test
    void publishedGoesBySmsAndEmailNamingAllTheRecipientsAffectedServices() {
        Ledger l = new Ledger();
        List<Decision> ds = l.plan(subject(Set.of("edi", "e-resept", "videokonsultasjon")), kari(NotifyWindow.ALWAYS),
                DAY);
        assertEquals(Map.of(Channel.SMS, Reason.SEND, Channel.EMAIL, Reason.SEND), reasons(ds));
        assertEquals(Set.of("edi", "e-resept"), ds.get(0).services(), "one message naming both of her services");
        assertEquals("published#1", ds.get(0).transition());
        assertEquals(TransitionKind.PUBLISHED, ds.get(1).kind());
    }

    @Test
    void theSameViewAgainDecidesNothing() {
        Ledger l = new Ledger();
        l.plan(subject(Set.of("edi")), kari(NotifyWindow.ALWAYS), DAY);
        assertEquals(List.of(), l.plan(subject(Set.of("edi")), kari(NotifyWindow.ALWAYS), DAY.plusSeconds(60)));
        assertEquals(List.of(), l.plan(subject(Set.of("edi", "unrelated")), kari(NotifyWindow.ALWAYS),
                DAY.plusSeconds(90)), "a service she does not follow changes nothing for her");
    }

    @Test
    void aRecipientWhoseServicesRecoveredIsToldSoWhileTheProblemGoesOn() {
        Ledger l = new Ledger();
        l.plan(subject(Set.of("edi", "core")), kari(NotifyWindow.ALWAYS), DAY);
        List<Decision> ds = l.plan(subject(Set.of("core")), kari(NotifyWindow.ALWAYS), DAY.plusSeconds(600));
        assertEquals(Map.of(Channel.SMS, Reason.SEND, Channel.EMAIL, Reason.SEND), reasons(ds));
        assertEquals(TransitionKind.RESOLVED, ds.get(0).kind());
        assertEquals(Set.of("edi"), ds.get(0).services(), "the resolved notice names what came back");
    }

    @Test
    void theResolvedNoticeNamesEverythingOfTheEpisodeSoAnSmsOnlyRecipientHearsAllCameBack() {
        Ledger l = new Ledger();
        Recipient smsOnly = new Recipient("SUB-4", Set.of("edi", "helseid"), Map.of(Channel.SMS, ChannelState.CONFIRMED),
                NotifyWindow.ALWAYS, "nb", true);
        l.plan(subject(Set.of("edi", "helseid")), smsOnly, DAY);
        List<Decision> ds = l.plan(subject(Set.of("edi")), smsOnly, DAY.plusSeconds(60));
        assertEquals(Reason.SUPPRESSED_SMS_NOT_FOR_UPDATES, ds.get(0).reason(), "HelseID back: an update, not by SMS");
        ds = l.plan(subject(Set.of()), smsOnly, DAY.plusSeconds(120));
        assertEquals(TransitionKind.RESOLVED, ds.get(0).kind());
        assertEquals(Set.of("edi", "helseid"), ds.get(0).services(), "both came back, and she only heard by SMS");
    }

    @Test
    void aPublicUpdateGoesByEmailOnly() {
        Ledger l = new Ledger();
        l.plan(subject(Set.of("edi")), kari(NotifyWindow.ALWAYS), DAY);
        List<Decision> ds = l.plan(subject(Set.of("edi"), new SubjectView.PublicUpdate(7, "Feilsøking pågår")),
                kari(NotifyWindow.ALWAYS), DAY.plusSeconds(300));
        assertEquals(Map.of(Channel.SMS, Reason.SUPPRESSED_SMS_NOT_FOR_UPDATES, Channel.EMAIL, Reason.SEND), reasons(ds));
        assertEquals("update#1", ds.get(0).transition());
        assertEquals(7, ds.get(0).updateId());
        assertEquals(List.of(), l.plan(subject(Set.of("edi"), new SubjectView.PublicUpdate(7, "Feilsøking pågår")),
                kari(NotifyWindow.ALWAYS), DAY.plusSeconds(310)), "the same update is told once");
    }

    @Test
    void anotherOfHerServicesHitIsAnUpdateNamingBoth() {
        Ledger l = new Ledger();
        l.plan(subject(Set.of("edi")), kari(NotifyWindow.ALWAYS), DAY);
        List<Decision> ds = l.plan(subject(Set.of("edi", "helseid")), kari(NotifyWindow.ALWAYS), DAY.plusSeconds(60));
        assertEquals(TransitionKind.UPDATE, ds.get(0).kind());
        assertEquals(Set.of("edi", "helseid"), ds.get(0).services());
    }

    @Test
    void outsideTheWindowAMessageIsHeldUntilItOpensAndThenReleased() {
        Ledger l = new Ledger();
        List<Decision> ds = l.plan(subject(Set.of("edi")), kari(NotifyWindow.OPENING_HOURS), NIGHT);
        assertEquals(Map.of(Channel.SMS, Reason.HELD_OUTSIDE_WINDOW, Channel.EMAIL, Reason.HELD_OUTSIDE_WINDOW),
                reasons(ds));
        assertEquals(NEXT_MORNING, ds.get(0).notBefore(), "Wednesday 08:00 in Oslo");
        assertEquals(List.of(), l.plan(subject(Set.of("edi")), kari(NotifyWindow.OPENING_HOURS), NIGHT.plusSeconds(60)));
        ds = l.plan(subject(Set.of("edi")), kari(NotifyWindow.OPENING_HOURS), NEXT_MORNING);
        assertEquals(Map.of(Channel.SMS, Reason.RELEASED, Channel.EMAIL, Reason.RELEASED), reasons(ds));
        assertEquals("published#1", ds.get(0).transition());
    }

    @Test
    void aHeldMessageIsDroppedIfHerServicesRecoverBeforeTheWindowOpensAndNoResolvedIsSent() {
        Ledger l = new Ledger();
        l.plan(subject(Set.of("edi")), kari(NotifyWindow.OPENING_HOURS), NIGHT);
        List<Decision> ds = l.plan(subject(Set.of()), kari(NotifyWindow.OPENING_HOURS), NIGHT.plusSeconds(1800));
        assertEquals(Map.of(Channel.SMS, Reason.DROPPED_RESOLVED_WHILE_HELD, Channel.EMAIL,
                Reason.DROPPED_RESOLVED_WHILE_HELD), reasons(ds));
        assertEquals(List.of(), l.plan(subject(Set.of()), kari(NotifyWindow.OPENING_HOURS), NEXT_MORNING),
                "nothing to tell in the morning");
    }

    @Test
    void aHeldMessageIsReplacedByOneNamingEverythingWhenMoreBreaksAtNight() {
        Ledger l = new Ledger();
        l.plan(subject(Set.of("edi")), kari(NotifyWindow.OPENING_HOURS), NIGHT);
        List<Decision> ds = l.plan(subject(Set.of("edi", "helseid")), kari(NotifyWindow.OPENING_HOURS),
                NIGHT.plusSeconds(60));
        assertEquals(2, ds.stream().filter(d -> d.reason() == Reason.DROPPED_SUPERSEDED).count());
        List<Decision> held = ds.stream().filter(d -> d.reason() == Reason.HELD_OUTSIDE_WINDOW).toList();
        assertEquals(2, held.size());
        assertEquals(TransitionKind.PUBLISHED, held.get(0).kind(), "she never heard of it: still 'published'");
        assertEquals("published#2", held.get(0).transition());
        assertEquals(Set.of("edi", "helseid"), held.get(0).services());
        ds = l.plan(subject(Set.of("edi", "helseid")), kari(NotifyWindow.OPENING_HOURS), NEXT_MORNING);
        assertEquals(Map.of(Channel.SMS, Reason.RELEASED, Channel.EMAIL, Reason.RELEASED), reasons(ds));
        assertEquals("published#2", ds.get(0).transition(), "one message in the morning, the latest");
    }

    @Test
    void smsAreRateLimitedPerRecipientButEmailAndResolvedNoticesStillGo() {
        Ledger l = new Ledger();
        l.sms = 6;
        List<Decision> ds = l.plan(subject(Set.of("edi")), kari(NotifyWindow.ALWAYS), DAY);
        assertEquals(Map.of(Channel.SMS, Reason.SUPPRESSED_SMS_RATE_LIMIT, Channel.EMAIL, Reason.SEND), reasons(ds));
        ds = l.plan(subject(Set.of()), kari(NotifyWindow.ALWAYS), DAY.plusSeconds(60));
        assertEquals(Map.of(Channel.SMS, Reason.SEND, Channel.EMAIL, Reason.SEND), reasons(ds));
        assertEquals(TransitionKind.RESOLVED, ds.get(0).kind());
    }

    @Test
    void consentDecidesPerChannelAndAnOptOutJustBeforeTheSendWins() {
        Ledger l = new Ledger();
        Recipient optedOut = new Recipient("SUB-1", Set.of("edi"), Map.of(Channel.SMS, ChannelState.OPTED_OUT,
                Channel.EMAIL, ChannelState.CONFIRMED), NotifyWindow.ALWAYS, "nb", true);
        assertEquals(Map.of(Channel.SMS, Reason.SKIPPED_OPTED_OUT, Channel.EMAIL, Reason.SEND),
                reasons(l.plan(subject(Set.of("edi")), optedOut, DAY)));
        Recipient pending = new Recipient("SUB-2", Set.of("edi"), Map.of(Channel.EMAIL, ChannelState.PENDING),
                NotifyWindow.ALWAYS, "nb", true);
        assertEquals(Map.of(Channel.EMAIL, Reason.SKIPPED_NOT_CONFIRMED),
                reasons(new Ledger().plan(subject(Set.of("edi")), pending, DAY)));
    }

    @Test
    void groupsOutsideThePilotAreNotNotified() {
        Recipient notPilot = new Recipient("SUB-3", Set.of("edi"), BOTH, NotifyWindow.ALWAYS, "nb", false);
        assertEquals(Map.of(Channel.SMS, Reason.SKIPPED_GROUP_NOT_IN_PILOT, Channel.EMAIL,
                Reason.SKIPPED_GROUP_NOT_IN_PILOT), reasons(new Ledger().plan(subject(Set.of("edi")), notPilot, DAY)));
    }

    @Test
    void aSecondFailureAfterResolutionGetsItsOwnKeys() {
        Ledger l = new Ledger();
        l.plan(subject(Set.of("edi")), kari(NotifyWindow.ALWAYS), DAY);
        l.plan(subject(Set.of()), kari(NotifyWindow.ALWAYS), DAY.plusSeconds(60));
        List<Decision> ds = l.plan(subject(Set.of("edi")), kari(NotifyWindow.ALWAYS), DAY.plusSeconds(120));
        assertEquals("published#2", ds.get(0).transition());
        assertEquals(Reason.SEND, ds.get(0).reason());
        assertNull(ds.get(0).notBefore());
        assertTrue(l.rows.stream().map(e -> e.transition() + "/" + e.channel()).distinct().count() == l.rows.size(),
                "every ledger key is unique");
    }

    static SubjectView maintenance(SubjectView.MaintenancePhase phase) {
        return new SubjectView("MNT-000001", "Oppgradering av EDI", Set.of("edi"), List.of(), phase);
    }

    @Test
    void plannedMaintenanceIsAnnouncedByEmailStartsBySmsAndEmailAndEndsByEmail() {
        Ledger l = new Ledger();
        List<Decision> ds = l.plan(maintenance(SubjectView.MaintenancePhase.SCHEDULED), kari(NotifyWindow.ALWAYS), DAY);
        assertEquals(Map.of(Channel.SMS, Reason.SUPPRESSED_SMS_NOT_FOR_UPDATES, Channel.EMAIL, Reason.SEND), reasons(ds));
        assertEquals(TransitionKind.MAINTENANCE_SCHEDULED, ds.get(0).kind());
        assertEquals(List.of(), l.plan(maintenance(SubjectView.MaintenancePhase.SCHEDULED), kari(NotifyWindow.ALWAYS),
                DAY.plusSeconds(60)), "announced once");
        ds = l.plan(maintenance(SubjectView.MaintenancePhase.STARTED), kari(NotifyWindow.ALWAYS), DAY.plusSeconds(3600));
        assertEquals(Map.of(Channel.SMS, Reason.SEND, Channel.EMAIL, Reason.SEND), reasons(ds));
        assertEquals("maintenance-started#1", ds.get(0).transition());
        ds = l.plan(maintenance(SubjectView.MaintenancePhase.ENDED), kari(NotifyWindow.ALWAYS), DAY.plusSeconds(7200));
        assertEquals(Map.of(Channel.SMS, Reason.SUPPRESSED_SMS_NOT_FOR_UPDATES, Channel.EMAIL, Reason.SEND), reasons(ds));
        assertEquals(Set.of("edi"), ds.get(0).services());
        assertEquals(List.of(), l.plan(maintenance(SubjectView.MaintenancePhase.ENDED), kari(NotifyWindow.ALWAYS),
                DAY.plusSeconds(7300)));
    }

    @Test
    void maintenanceOfServicesSheDoesNotFollowTellsHerNothing() {
        SubjectView other = new SubjectView("MNT-000002", "Vedlikehold", Set.of("video"), List.of(),
                SubjectView.MaintenancePhase.STARTED);
        assertEquals(List.of(), new Ledger().plan(other, kari(NotifyWindow.ALWAYS), DAY));
        assertEquals(List.of(), new Ledger().plan(maintenance(SubjectView.MaintenancePhase.ENDED),
                kari(NotifyWindow.ALWAYS), DAY), "no 'ended' for work she was never told about");
    }

    @Test
    void aFailureOfAServiceUnderPlannedMaintenanceIsSuppressedAndToldIfItOutlastsTheWork() {
        Ledger l = new Ledger();
        List<Decision> ds = l.plan(subject(Set.of("edi")), kari(NotifyWindow.ALWAYS), Set.of("edi"), DAY);
        assertEquals(Map.of(Channel.SMS, Reason.SUPPRESSED_MAINTENANCE, Channel.EMAIL, Reason.SUPPRESSED_MAINTENANCE),
                reasons(ds));
        assertEquals(Set.of("edi"), ds.get(0).services());
        assertEquals("suppressed", ds.get(0).ledgerState());
        assertTrue(l.rows.isEmpty(), "nothing stored: nothing was decided for good");
        assertEquals(Reason.SUPPRESSED_MAINTENANCE, l.plan(subject(Set.of("edi")), kari(NotifyWindow.ALWAYS),
                Set.of("edi"), DAY.plusSeconds(60)).get(0).reason(), "still under work: still quiet");
        // The work ends and EDI is still down: now it is news
        ds = l.plan(subject(Set.of("edi")), kari(NotifyWindow.ALWAYS), Set.of(), DAY.plusSeconds(3600));
        assertEquals(Map.of(Channel.SMS, Reason.SEND, Channel.EMAIL, Reason.SEND), reasons(ds));
        assertEquals("published#1", ds.get(0).transition());
    }

    @Test
    void aFailureThatEndsWithTheWorkIsNeverTold() {
        Ledger l = new Ledger();
        l.plan(subject(Set.of("edi")), kari(NotifyWindow.ALWAYS), Set.of("edi"), DAY);
        assertEquals(List.of(), l.plan(subject(Set.of()), kari(NotifyWindow.ALWAYS), Set.of("edi"),
                DAY.plusSeconds(600)));
        assertEquals(List.of(), l.plan(subject(Set.of()), kari(NotifyWindow.ALWAYS), Set.of(), DAY.plusSeconds(3600)));
    }

    @Test
    void servicesNotUnderTheWorkAreToldAsUsual() {
        Ledger l = new Ledger();
        List<Decision> ds = l.plan(subject(Set.of("edi", "helseid")), kari(NotifyWindow.ALWAYS), Set.of("edi"), DAY);
        assertEquals(Map.of(Channel.SMS, Reason.SEND, Channel.EMAIL, Reason.SEND), reasons(ds));
        assertEquals(Set.of("helseid"), ds.get(0).services(), "the message names what is not under maintenance");
    }

    @Test
    void whatSheWasToldBeforeTheWorkStartedSheHearsTheEndOf() {
        Ledger l = new Ledger();
        l.plan(subject(Set.of("edi")), kari(NotifyWindow.ALWAYS), DAY);
        List<Decision> ds = l.plan(subject(Set.of("edi"), new SubjectView.PublicUpdate(3, "Feilen er funnet")),
                kari(NotifyWindow.ALWAYS), Set.of("edi"), DAY.plusSeconds(60));
        assertEquals(Reason.SEND, reasons(ds).get(Channel.EMAIL), "an update about what she knows of");
        ds = l.plan(subject(Set.of()), kari(NotifyWindow.ALWAYS), Set.of("edi"), DAY.plusSeconds(120));
        assertEquals(TransitionKind.RESOLVED, ds.get(0).kind());
        assertEquals(Reason.SEND, ds.get(0).reason());
    }

    @Test
    void theStaffAlertIsSuppressedWhileTheComponentIsUnderMaintenance() {
        Recipient im = new Recipient("SUB-9", Set.of(), BOTH, NotifyWindow.ALWAYS, "nb", true);
        List<Decision> ds = StaffAlerts.plan("INC-1", "suspected", "P1", "edi", java.util.Optional.of(im), false, true,
                DAY);
        assertEquals(Map.of(Channel.SMS, Reason.SUPPRESSED_MAINTENANCE, Channel.EMAIL, Reason.SUPPRESSED_MAINTENANCE),
                reasons(ds));
        assertTrue(ds.stream().noneMatch(Decision::stored), "not stored, so it alerts if still suspected after the work");
        assertEquals(Map.of(Channel.SMS, Reason.SEND, Channel.EMAIL, Reason.SEND), reasons(StaffAlerts.plan("INC-1",
                "suspected", "P1", "edi", java.util.Optional.of(im), false, false, DAY)));
    }

    @Test
    void cancelledMaintenanceIsToldToThoseWhoHeardOfItAndDropsWhatIsHeld() {
        Ledger l = new Ledger();
        l.plan(maintenance(SubjectView.MaintenancePhase.SCHEDULED), kari(NotifyWindow.ALWAYS), DAY);
        SubjectView cancelled = new SubjectView("MNT-000001", "Oppgradering av EDI", Set.of(), List.of(),
                SubjectView.MaintenancePhase.CANCELLED);
        List<Decision> ds = l.plan(cancelled, kari(NotifyWindow.ALWAYS), DAY.plusSeconds(60));
        assertEquals(Map.of(Channel.SMS, Reason.SUPPRESSED_SMS_NOT_FOR_UPDATES, Channel.EMAIL, Reason.SEND), reasons(ds));
        assertEquals(TransitionKind.MAINTENANCE_CANCELLED, ds.get(0).kind());
        assertEquals(Set.of("edi"), ds.get(0).services(), "names the services she was told about");
        assertEquals(List.of(), l.plan(cancelled, kari(NotifyWindow.ALWAYS), DAY.plusSeconds(120)), "once");

        // Held at night and cancelled before morning: nothing is sent at all
        Ledger night = new Ledger();
        night.plan(maintenance(SubjectView.MaintenancePhase.SCHEDULED), kari(NotifyWindow.OPENING_HOURS), NIGHT);
        ds = night.plan(cancelled, kari(NotifyWindow.OPENING_HOURS), NIGHT.plusSeconds(60));
        assertTrue(ds.stream().allMatch(d -> d.reason() == Reason.DROPPED_RESOLVED_WHILE_HELD), ds.toString());
        assertEquals(List.of(), night.plan(cancelled, kari(NotifyWindow.OPENING_HOURS), NEXT_MORNING));
    }

    @Test
    void windows() {
        assertTrue(NotifyWindow.OPENING_HOURS.isOpen(DAY));
        assertTrue(!NotifyWindow.OPENING_HOURS.isOpen(NIGHT));
        assertTrue(NotifyWindow.EXTENDED_HOURS.isOpen(Instant.parse("2026-11-24T18:30:00Z")));
        // Friday 17:00 → Monday 08:00
        assertEquals(Instant.parse("2026-11-30T07:00:00Z"),
                NotifyWindow.OPENING_HOURS.nextOpening(Instant.parse("2026-11-27T16:00:00Z")));
        // Early Monday → same day 08:00 (summer time: UTC+2)
        assertEquals(Instant.parse("2026-06-01T06:00:00Z"),
                NotifyWindow.OPENING_HOURS.nextOpening(Instant.parse("2026-06-01T03:00:00Z")));
        assertEquals(NotifyWindow.ALWAYS, NotifyWindow.defaultFor(no.nhn.driftsvakt.catalog.Agreement.EXTENDED));
        // staff alerts: the Incident Manager in opening hours, the 24/7 on-call outside them
        assertEquals("incident-manager", StaffAlerts.roleAt(DAY));
        assertEquals("on-call", StaffAlerts.roleAt(NIGHT));
        assertEquals("on-call", StaffAlerts.roleAt(Instant.parse("2026-11-28T10:00:00Z")), "Saturday");
        // Public holidays are not working days: Maundy Thursday 2026 (2 April) is closed, Wednesday evening →
        // Tuesday after Easter 08:00; Whit Monday at noon goes to the on-call
        assertTrue(!NotifyWindow.OPENING_HOURS.isOpen(Instant.parse("2026-04-02T10:00:00Z")));
        assertEquals(Instant.parse("2026-04-07T06:00:00Z"),
                NotifyWindow.OPENING_HOURS.nextOpening(Instant.parse("2026-04-01T15:00:00Z")));
        assertEquals("on-call", StaffAlerts.roleAt(Instant.parse("2026-05-25T10:00:00Z")), "Whit Monday");
        assertTrue(NotifyWindow.ALWAYS.isOpen(Instant.parse("2026-12-25T10:00:00Z")), "24/7 is 24/7");
    }
}
