package no.nhn.driftsvakt.notify;

import java.util.Map;
import java.util.Set;

/**
 * A subscriber as the planner sees it: ids and choices only, never addresses.
 *
 * @param components the components the recipient follows: their groups' components, or the ones they chose
 * @param channels   consent per channel the recipient has an address for
 * @param pilot      whether any of their customer groups is in the proactive-notification pilot
 */
public record Recipient(String subscriberId, Set<String> components, Map<Channel, ChannelState> channels,
                        NotifyWindow window, String language, boolean pilot) {
    public Recipient {
        components = Set.copyOf(components);
        channels = Map.copyOf(channels);
    }
}
