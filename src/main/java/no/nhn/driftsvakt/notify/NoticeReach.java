package no.nhn.driftsvakt.notify;

import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * How many subscribers a notice would reach, counted from the planner's own decisions in a dry run (nothing stored):
 * the staff member confirming an outage sees the real number, after channel confirmation, opt-outs, the pilot, the
 * SMS rate limit, planned maintenance and each recipient's notify window.
 *
 * @param considered the subscribers the planner looked at (those in the affected customer groups, and anyone
 *                   already told about the subject)
 * @param now        subscribers who would get at least one message at once
 * @param later      subscribers whose message would be held until their notify window opens (none at once)
 * @param byChannel  messages that would go at once, per channel
 * @param whyNot     for the subscribers told nothing now or later: the main reason, counted per subscriber
 */
public record NoticeReach(int considered, int now, int later, Map<Channel, Integer> byChannel,
                          Map<Reason, Integer> whyNot) {

    public NoticeReach {
        byChannel = Map.copyOf(byChannel);
        whyNot = Map.copyOf(whyNot);
    }

    /** Subscribers who would hear nothing about it (neither now nor when their window opens). */
    public int notTold() {
        return considered - now - later;
    }

    /** Messages that would go at once on one channel. */
    public int on(Channel channel) {
        return byChannel.getOrDefault(channel, 0);
    }

    public int sms() {
        return on(Channel.SMS);
    }

    public int email() {
        return on(Channel.EMAIL);
    }

    public int webhook() {
        return on(Channel.WEBHOOK);
    }

    /** Subscribers told nothing for one reason. */
    public int because(Reason reason) {
        return whyNot.getOrDefault(reason, 0);
    }

    /**
     * Counts a dry run's decisions.
     *
     * @param considered how many recipients were planned for; a recipient with no decision (none of the services
     *                   they follow is affected) is counted as told nothing, with no reason
     */
    public static NoticeReach of(int considered, Collection<Decision> decisions) {
        Map<String, Reason> best = new HashMap<>();
        Map<Channel, Integer> byChannel = new EnumMap<>(Channel.class);
        for (Decision d : decisions) {
            if (d.reason() == Reason.SEND || d.reason() == Reason.RELEASED) {
                byChannel.merge(d.channel(), 1, Integer::sum);
            }
            best.merge(d.subscriberId(), d.reason(), NoticeReach::better);
        }
        int now = 0;
        int later = 0;
        Map<Reason, Integer> whyNot = new EnumMap<>(Reason.class);
        for (Reason r : best.values()) {
            if (rank(r) == 0) {
                now++;
            } else if (rank(r) == 1) {
                later++;
            } else {
                whyNot.merge(r, 1, Integer::sum);
            }
        }
        return new NoticeReach(Math.max(considered, best.size()), now, later, byChannel, whyNot);
    }

    /** The reason that says most about what the subscriber gets: sent beats held beats any reason not to. */
    private static Reason better(Reason a, Reason b) {
        return rank(b) < rank(a) || (rank(b) == rank(a) && b.ordinal() < a.ordinal()) ? b : a;
    }

    private static int rank(Reason r) {
        return switch (r) {
            case SEND, RELEASED -> 0;
            case HELD_OUTSIDE_WINDOW -> 1;
            default -> 2;
        };
    }
}
