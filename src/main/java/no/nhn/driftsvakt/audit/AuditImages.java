package no.nhn.driftsvakt.audit;

import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import no.nhn.driftsvakt.incident.IncidentService;
import no.nhn.driftsvakt.maintenance.MaintenanceStore;
import no.nhn.driftsvakt.notify.NotifyStore;
import no.nhn.driftsvakt.problem.ProblemService;
import no.nhn.driftsvakt.subscriber.Subscriber;
import no.nhn.driftsvakt.subscriber.SubscriberService;

/**
 * The current JSON of a change's subject, for the audit log's before-image (and its after-image when the answer
 * carries none, as for a console form's redirect): an incident, a problem or a maintenance window as the API shows
 * it; a duty role as {@code {role, subscriberId}}; a subscriber as its id, groups and channel states only, never a
 * name or an address. Null when the subject is unknown or cannot be read (the entry is written anyway).
 */
@ApplicationScoped
public class AuditImages {

    private static final Logger LOG = Logger.getLogger(AuditImages.class);
    static final int MAX_JSON = 16_384;

    @Inject
    IncidentService incidents;

    @Inject
    ProblemService problems;

    @Inject
    MaintenanceStore maintenance;

    @Inject
    SubscriberService subscribers;

    @Inject
    NotifyStore notify;

    @Inject
    ObjectMapper json;

    /**
     * @param subject an incident, problem, maintenance or subscriber id, or a duty role when {@code duty}
     * @param duty    the subject is a duty role ({@code /api/v1/duty/{role}})
     */
    public String image(String subject, boolean duty) {
        if (subject == null) {
            return null;
        }
        try {
            Optional<?> value;
            if (duty) {
                try (Connection c = notify.connection()) {
                    Map<String, Object> d = new LinkedHashMap<>();
                    d.put("role", subject);
                    d.put("subscriberId", notify.duty(c).get(subject));
                    value = Optional.of(d);
                }
            } else if (subject.startsWith("INC-")) {
                value = incidents.find(subject);
            } else if (subject.startsWith("PRB-")) {
                value = problems.find(subject);
            } else if (subject.startsWith("VED-")) {
                value = maintenance.find(subject);
            } else if (subject.startsWith("SUB-")) {
                value = subscribers.find(subject).map(AuditImages::idsOnly);
            } else {
                value = Optional.empty();
            }
            if (value.isEmpty()) {
                return null;
            }
            String s = json.writeValueAsString(value.get());
            return s.length() > MAX_JSON ? "{\"truncated\":true}" : s;
        } catch (Exception e) {
            LOG.debugf("No audit image of %s: %s", subject, e.toString());
            return null;
        }
    }

    /** A subscriber without anything personal: its id, groups, channels and their consent states. */
    static Map<String, Object> idsOnly(Subscriber s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", s.id());
        out.put("groups", s.contact() == null ? new TreeSet<>() : new TreeSet<>(s.contact().groups()));
        Map<String, String> channels = new TreeMap<>();
        s.channels().forEach((ch, state) -> channels.put(ch.wire(), state == null ? null : state.wire()));
        out.put("channels", channels);
        out.put("erased", s.erased());
        return out;
    }
}
