package no.nhn.driftsvakt.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import no.nhn.driftsvakt.catalog.Catalog;
import no.nhn.driftsvakt.catalog.CatalogParser;
import no.nhn.driftsvakt.signal.Signal;
import no.nhn.driftsvakt.signal.SignalState;

class IncidentEngineTest {

    private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");
    static final Catalog CATALOG = CatalogParser.parse("t.yaml", """
            components:
              - { id: core, name: Kjernenett, category: Net, kind: infrastructure }
              - { id: edi, name: EDI, category: Tjenester, dependsOn: [core] }
              - { id: video, name: Video, category: Tjenester, autoResolve: false }
              - { id: lab, name: Lab, category: Tjenester }
            customerGroups:
              - { id: gp, name: Fastleger, agreement: standard, uses: [edi] }
              - { id: muni, name: Kommuner, agreement: standard, uses: [video] }
              - { id: hosp, name: Sykehus, agreement: extended, uses: [edi] }
            """, k -> Optional.empty());

    private int seq;

    private Signal signal(String component, String key, SignalState state, int sec) {
        return new Signal("s" + (++seq), "probe", component, state, state == SignalState.UP ? "ok" : "HTTP 503",
                Map.of(), T0.plusSeconds(sec), key);
    }

    private IncidentEngine.Decision apply(Incident open, Signal s) {
        return IncidentEngine.onSignal(Optional.ofNullable(open), Optional.empty(), s, CATALOG, () -> "INC-1");
    }

    @Test
    void aDownSignalOpensASuspectedIncidentWithPriorityFromImpactAndUrgency() {
        IncidentEngine.Decision d = apply(null, signal("edi", "edi-http", SignalState.DOWN, 0));

        Incident i = d.incident().orElseThrow();
        assertEquals(IncidentEngine.Outcome.OPENED, d.outcome());
        assertEquals(IncidentState.SUSPECTED, i.state());
        assertEquals(Priority.Impact.HIGH, i.impact(), "hospitals have an extended agreement");
        assertEquals(Priority.P1, i.priority());
        assertEquals("EDI: HTTP 503", i.title());
        assertEquals(Map.of("edi-http", "HTTP 503"), i.failingSources());
        assertEquals("opened", d.timeline().get(0).kind());
    }

    @Test
    void impactFollowsTheDependencyGraphAndUrgencyTheSeverity() {
        assertEquals(Priority.Impact.HIGH, ImpactAssessor.impact(CATALOG, "core"), "core is under edi");
        assertEquals(Priority.Impact.MEDIUM, ImpactAssessor.impact(CATALOG, "video"));
        assertEquals(Priority.Impact.LOW, ImpactAssessor.impact(CATALOG, "lab"));
        assertEquals(Priority.P3, apply(null, signal("video", "v", SignalState.DEGRADED, 0)).incident().get().priority());
        assertEquals(Priority.P4, apply(null, signal("lab", "l", SignalState.DEGRADED, 0)).incident().get().priority());
    }

    @Test
    void threeCustomerGroupsHitMakeTheImpactHighWithoutAnExtendedAgreement() {
        Catalog c = CatalogParser.parse("t.yaml", """
                components:
                  - { id: net, name: Nett, category: Net }
                  - { id: a, name: A, category: T, dependsOn: [net] }
                  - { id: b, name: B, category: T, dependsOn: [net] }
                customerGroups:
                  - { id: g1, name: G1, agreement: standard, uses: [a] }
                  - { id: g2, name: G2, agreement: standard, uses: [a] }
                  - { id: g3, name: G3, agreement: standard, uses: [b] }
                """, k -> Optional.empty());

        assertEquals(Priority.Impact.HIGH, ImpactAssessor.impact(c, "net"), "three groups through the graph");
        assertEquals(Priority.Impact.MEDIUM, ImpactAssessor.impact(c, "a"), "two groups");
        assertEquals(Priority.Impact.MEDIUM, ImpactAssessor.impact(c, "b"), "one group");
    }

    @Test
    void moreSignalsForTheComponentJoinItsIncidentAndRepeatsChangeNothing() {
        Incident i = apply(null, signal("edi", "a", SignalState.DOWN, 0)).incident().get();

        IncidentEngine.Decision same = apply(i, signal("edi", "a", SignalState.DOWN, 5));
        IncidentEngine.Decision other = apply(i, signal("edi", "b", SignalState.DOWN, 6));

        assertEquals(IncidentEngine.Outcome.ALREADY_KNOWN, same.outcome());
        assertTrue(same.incident().isEmpty());
        assertEquals(IncidentEngine.Outcome.EVIDENCE_ADDED, other.outcome());
        assertEquals(2, other.incident().get().failingSources().size());
        assertEquals("INC-1", other.incident().get().id());
    }

    @Test
    void aDegradationThatBecomesAnOutageRaisesUrgencyAndPriority() {
        Incident i = apply(null, signal("video", "v", SignalState.DEGRADED, 0)).incident().get();

        IncidentEngine.Decision d = apply(i, signal("video", "v", SignalState.DOWN, 10));

        assertEquals(IncidentEngine.Outcome.ESCALATED, d.outcome());
        assertEquals(Priority.P2, d.incident().get().priority());
    }

    @Test
    void theIncidentResolvesItselfWhenEveryFailingSourceRecovered() {
        Incident i = apply(null, signal("edi", "a", SignalState.DOWN, 0)).incident().get();
        i = apply(i, signal("edi", "b", SignalState.DOWN, 1)).incident().get();

        IncidentEngine.Decision first = apply(i, signal("edi", "a", SignalState.UP, 30));
        IncidentEngine.Decision last = apply(first.incident().get(), signal("edi", "b", SignalState.UP, 40));

        assertEquals(IncidentEngine.Outcome.SOURCE_RECOVERED, first.outcome());
        assertEquals(IncidentState.SUSPECTED, first.incident().get().state());
        assertEquals(IncidentEngine.Outcome.AUTO_RESOLVED, last.outcome());
        assertEquals(IncidentState.RESOLVED, last.incident().get().state());
        assertEquals(T0.plusSeconds(40), last.incident().get().resolvedAt());
        assertTrue(last.timeline().get(0).isPublic(), "the resolution is public");
    }

    @Test
    void aComponentWithoutAutoResolveWaitsForStaff() {
        Incident i = apply(null, signal("video", "v", SignalState.DOWN, 0)).incident().get();

        IncidentEngine.Decision d = apply(i, signal("video", "v", SignalState.UP, 30));

        assertEquals(IncidentEngine.Outcome.ALL_RECOVERED_AWAITING_STAFF, d.outcome());
        assertEquals(IncidentState.SUSPECTED, d.incident().get().state());
    }

    @Test
    void aDismissedFailureDoesNotReopenUntilItIsOver() {
        Incident i = apply(null, signal("edi", "a", SignalState.DOWN, 0)).incident().get();
        Incident dismissed = StaffActions.dismiss(i, "kari", "planned test", T0.plusSeconds(5)).incident().get();

        IncidentEngine.Decision again = IncidentEngine.onSignal(Optional.empty(), Optional.of(dismissed),
                signal("edi", "a", SignalState.DOWN, 60), CATALOG, () -> "INC-2");
        IncidentEngine.Decision over = IncidentEngine.onSignal(Optional.empty(), Optional.of(dismissed),
                signal("edi", "a", SignalState.UP, 70), CATALOG, () -> "INC-2");
        IncidentEngine.Decision newFailure = IncidentEngine.onSignal(Optional.empty(), Optional.of(dismissed),
                signal("edi", "b", SignalState.DOWN, 80), CATALOG, () -> "INC-2");

        assertEquals(IncidentEngine.Outcome.DISMISSED_FAILURE_GOES_ON, again.outcome());
        assertEquals(IncidentEngine.Outcome.DISMISSED_FAILURE_OVER, over.outcome());
        assertTrue(over.incident().get().failingSources().isEmpty());
        assertEquals(IncidentEngine.Outcome.OPENED, newFailure.outcome());
        assertEquals("INC-2", newFailure.incident().get().id());
    }

    @Test
    void anUpWithoutAnIncidentChangesNothing() {
        assertEquals(IncidentEngine.Outcome.UP_WITHOUT_INCIDENT, apply(null, signal("edi", "a", SignalState.UP, 0)).outcome());
    }

    @Test
    void staffMovesFollowTheLifecycle() {
        Incident i = apply(null, signal("edi", "a", SignalState.DOWN, 0)).incident().get();

        Incident confirmed = StaffActions.confirm(i, "kari", "EDI er nede", T0.plusSeconds(60)).incident().get();
        Incident identified = StaffActions.update(confirmed, "kari", "Feil i meldingstjener", true,
                IncidentState.IDENTIFIED, T0.plusSeconds(90)).incident().get();
        Incident resolved = StaffActions.resolve(identified, "kari", null, T0.plusSeconds(120)).incident().get();

        assertEquals(T0.plusSeconds(60), confirmed.confirmedAt());
        assertEquals(IncidentState.IDENTIFIED, identified.state());
        assertEquals(4, resolved.version());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> StaffActions.confirm(resolved, "kari", null, T0.plusSeconds(130)));
        assertTrue(e.getMessage().contains("Only a suspected incident can be confirmed"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StaffActions.dismiss(i, "kari", " ", T0));
    }

    @Test
    void theWholeLifecycleThroughMonitoringToClosed() {
        Incident i = apply(null, signal("edi", "a", SignalState.DOWN, 0)).incident().get();
        Incident investigating = StaffActions.confirm(i, "kari", null, T0.plusSeconds(60)).incident().get();
        Incident identified = StaffActions.update(investigating, "kari", "Meldingstjener", true,
                IncidentState.IDENTIFIED, T0.plusSeconds(70)).incident().get();
        Incident monitoring = StaffActions.update(identified, "kari", "Rettet; vi følger med", true,
                IncidentState.MONITORING, T0.plusSeconds(80)).incident().get();
        Incident resolved = StaffActions.resolve(monitoring, "kari", null, T0.plusSeconds(90)).incident().get();
        IncidentEngine.Decision closing = StaffActions.update(resolved, "kari", "Lukket etter gjennomgang", false,
                IncidentState.CLOSED, T0.plusSeconds(100));
        Incident closed = closing.incident().get();

        assertEquals(List.of(IncidentState.INVESTIGATING, IncidentState.IDENTIFIED, IncidentState.MONITORING,
                IncidentState.RESOLVED, IncidentState.CLOSED), List.of(investigating.state(), identified.state(),
                monitoring.state(), resolved.state(), closed.state()));
        assertEquals(T0.plusSeconds(90), closed.resolvedAt(), "closing keeps the time it was resolved");
        assertEquals("state", closing.timeline().get(0).kind());
        assertThrows(IllegalStateException.class, () -> StaffActions.update(closed, "kari", "igjen", false,
                IncidentState.INVESTIGATING, T0.plusSeconds(110)), "closed is final");
        assertThrows(IllegalStateException.class, () -> StaffActions.update(monitoring, "kari", "tilbake", false,
                IncidentState.SUSPECTED, T0.plusSeconds(85)), "a confirmed incident is never suspected again");
    }

    @Test
    void aPhoneReportStartsConfirmed() {
        IncidentEngine.Decision d = StaffActions.manual(CATALOG, "video", "Video henger", "Flere legekontor melder feil",
                true, null, "kari", T0, () -> "INC-9");

        assertEquals(IncidentState.INVESTIGATING, d.incident().get().state());
        assertEquals("manual", d.incident().get().origin());
        assertEquals(Priority.P2, d.incident().get().priority());
        assertEquals("kari", d.timeline().get(0).author());
    }

    @Test
    void anUpDatedBeforeTheFailureItArrivesAfterDoesNotResolveIt() {
        Incident i = apply(null, signal("edi", "am", SignalState.DOWN, 60)).incident().get();
        assertEquals(Map.of("am", T0.plusSeconds(60)), i.failingSince());

        IncidentEngine.Decision late = apply(i, signal("edi", "am", SignalState.UP, 30)); // the end of an earlier episode
        IncidentEngine.Decision sameInstant = apply(i, signal("edi", "am", SignalState.UP, 60));

        assertEquals(IncidentEngine.Outcome.STALE, late.outcome());
        assertTrue(late.incident().isEmpty());
        assertEquals(IncidentEngine.Outcome.AUTO_RESOLVED, sameInstant.outcome(), "not before: applies");
    }

    @Test
    void anOlderDownAfterADegradationDoesNotMakeItWorseButANewerOneDoes() {
        Incident i = apply(null, signal("edi", "am", SignalState.DEGRADED, 60)).incident().get();

        IncidentEngine.Decision older = apply(i, signal("edi", "am", SignalState.DOWN, 50));
        IncidentEngine.Decision newer = apply(i, signal("edi", "am", SignalState.DOWN, 70));

        assertEquals(IncidentEngine.Outcome.STALE, older.outcome());
        assertEquals(IncidentEngine.Outcome.ESCALATED, newer.outcome());
        assertEquals(T0.plusSeconds(70), newer.incident().get().failingSince().get("am"), "worse since then");
        assertEquals(IncidentEngine.Outcome.AUTO_RESOLVED,
                apply(newer.incident().get(), signal("edi", "am", SignalState.UP, 75)).outcome());
        assertEquals(IncidentEngine.Outcome.STALE,
                apply(newer.incident().get(), signal("edi", "am", SignalState.UP, 65)).outcome());
    }

    @Test
    void stalenessIsPerSourceAndATimeIsKeptOnlyWhileItsSourceFails() {
        Incident i = apply(null, signal("edi", "a", SignalState.DOWN, 60)).incident().get();
        Incident both = apply(i, signal("edi", "b", SignalState.DOWN, 90)).incident().get();
        assertEquals(Map.of("a", T0.plusSeconds(60), "b", T0.plusSeconds(90)), both.failingSince());

        IncidentEngine.Decision aRecovers = apply(both, signal("edi", "a", SignalState.UP, 70));
        assertEquals(IncidentEngine.Outcome.SOURCE_RECOVERED, aRecovers.outcome(), "b's time does not hold a back");
        assertEquals(Map.of("b", T0.plusSeconds(90)), aRecovers.incident().get().failingSince());
        assertEquals(IncidentEngine.Outcome.STALE,
                apply(aRecovers.incident().get(), signal("edi", "b", SignalState.UP, 80)).outcome());
    }

    @Test
    void anIncidentStoredWithoutTimesJudgesNothingStale() {
        Incident i = apply(null, signal("edi", "am", SignalState.DOWN, 60)).incident().get();
        Incident legacy = new Incident(i.id(), i.componentId(), i.title(), i.state(), i.priority(), i.impact(),
                i.urgency(), i.origin(), i.failingSources(), i.openedAt(), null, null, null, 1, i.updatedAt(), null,
                null);

        assertEquals(IncidentEngine.Outcome.AUTO_RESOLVED, apply(legacy, signal("edi", "am", SignalState.UP, 30)).outcome());
    }

    @Test
    void evenALateUpEndsADismissedFailureSoTheNextFailureIsSeen() {
        Incident i = apply(null, signal("edi", "am", SignalState.DOWN, 60)).incident().get();
        Incident dismissed = StaffActions.dismiss(i, "kari", "planned test", T0.plusSeconds(65)).incident().get();

        IncidentEngine.Decision late = IncidentEngine.onSignal(Optional.empty(), Optional.of(dismissed),
                signal("edi", "am", SignalState.UP, 30), CATALOG, () -> "INC-2");

        assertEquals(Map.of("am", T0.plusSeconds(60)), dismissed.failingSince(), "a staff action keeps the times");
        assertEquals(IncidentEngine.Outcome.DISMISSED_FAILURE_OVER, late.outcome());
        assertEquals(IncidentEngine.Outcome.OPENED, IncidentEngine.onSignal(Optional.empty(),
                Optional.of(late.incident().get()).filter(Incident::isActive), signal("edi", "am", SignalState.DOWN, 90),
                CATALOG, () -> "INC-3").outcome());
    }
}
