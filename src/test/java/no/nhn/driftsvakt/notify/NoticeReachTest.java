package no.nhn.driftsvakt.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The dry-run count staff see before confirming: the planner's own decisions, per subscriber. */
class NoticeReachTest {

    static final SubjectView OUTAGE = new SubjectView("INC-000001", "E-resept nede", Set.of("e-resept", "kjerne"),
            List.of());

    static Recipient r(String id, Set<String> follows, Map<Channel, ChannelState> channels, NotifyWindow window,
                       boolean pilot) {
        return new Recipient(id, follows, channels, window, "nb", pilot);
    }

    static NoticeReach dryRun(List<Recipient> recipients, Map<String, Integer> sms, Instant now) {
        List<Decision> ds = new ArrayList<>();
        for (Recipient x : recipients) {
            ds.addAll(NotificationPlanner.plan(OUTAGE, x, Told.from(List.of()), sms.getOrDefault(x.subscriberId(), 0),
                    NotificationPlanner.Policy.DEFAULT, now));
        }
        return NoticeReach.of(recipients.size(), ds);
    }

    static final Map<Channel, ChannelState> BOTH = NotificationPlannerTest.BOTH;

    @Test
    void countsEachSubscriberOnceByWhatTheyWouldGet() {
        List<Recipient> all = List.of(
                r("SUB-1", Set.of("e-resept"), BOTH, NotifyWindow.ALWAYS, true), // now, SMS and e-mail
                r("SUB-2", Set.of("e-resept"), Map.of(Channel.EMAIL, ChannelState.CONFIRMED),
                        NotifyWindow.ALWAYS, true), // now, e-mail
                r("SUB-3", Set.of("e-resept"), BOTH, NotifyWindow.OPENING_HOURS, true), // held till 08:00
                r("SUB-4", Set.of("e-resept"), Map.of(Channel.SMS, ChannelState.PENDING), NotifyWindow.ALWAYS, true),
                r("SUB-5", Set.of("e-resept"), Map.of(Channel.SMS, ChannelState.OPTED_OUT, Channel.EMAIL,
                        ChannelState.PENDING), NotifyWindow.ALWAYS, true), // nothing confirmed
                r("SUB-6", Set.of("e-resept"), BOTH, NotifyWindow.ALWAYS, false), // group not in the pilot
                r("SUB-7", Set.of("helsenett-dns"), BOTH, NotifyWindow.ALWAYS, true)); // follows something else

        NoticeReach reach = dryRun(all, Map.of(), NotificationPlannerTest.NIGHT);

        assertEquals(7, reach.considered());
        assertEquals(2, reach.now(), "SUB-1 and SUB-2");
        assertEquals(1, reach.later(), "SUB-3, outside opening hours at 22:00");
        assertEquals(4, reach.notTold());
        assertEquals(1, reach.on(Channel.SMS));
        assertEquals(2, reach.on(Channel.EMAIL));
        assertEquals(1, reach.because(Reason.SKIPPED_GROUP_NOT_IN_PILOT));
        assertEquals(2, reach.because(Reason.SKIPPED_NOT_CONFIRMED) + reach.because(Reason.SKIPPED_OPTED_OUT));
        assertEquals(0, reach.because(Reason.SEND));
    }

    @Test
    void aSubscriberWhoseSmsIsRateLimitedIsStillToldByEmail() {
        NoticeReach reach = dryRun(List.of(r("SUB-1", Set.of("kjerne"), BOTH, NotifyWindow.ALWAYS, true)),
                Map.of("SUB-1", 6), NotificationPlannerTest.DAY);
        assertEquals(1, reach.now());
        assertEquals(0, reach.on(Channel.SMS));
        assertEquals(1, reach.on(Channel.EMAIL));
    }

    @Test
    void inTheDayTheHeldOneIsToldNow() {
        NoticeReach reach = dryRun(List.of(r("SUB-3", Set.of("e-resept"), BOTH, NotifyWindow.OPENING_HOURS, true)),
                Map.of(), NotificationPlannerTest.DAY);
        assertEquals(1, reach.now());
        assertEquals(0, reach.later());
        assertEquals(2, reach.on(Channel.SMS) + reach.on(Channel.EMAIL));
    }

    @Test
    void nobodyToConsider() {
        NoticeReach reach = NoticeReach.of(0, List.of());
        assertEquals(0, reach.now() + reach.later() + reach.notTold());
    }
}
