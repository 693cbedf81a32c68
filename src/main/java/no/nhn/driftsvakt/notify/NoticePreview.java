package no.nhn.driftsvakt.notify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.qute.Engine;
import no.nhn.driftsvakt.notify.template.MessageRenderer;
import no.nhn.driftsvakt.notify.template.SmsSegments;

/**
 * What customers would get if staff confirmed an incident now with a given text: the SMS (with its segment count)
 * and the e-mail, in bokmål and English, so the text can be edited before it goes out.
 */
@ApplicationScoped
public class NoticePreview {

    @Inject
    Engine engine;

    @Inject
    CatalogView catalogView;

    @ConfigProperty(name = "driftsvakt.public-base-url", defaultValue = "http://localhost:8080")
    String baseUrl;

    public Map<String, Object> published(String incidentId, String componentId, String title, String text) {
        SubjectBuilder catalog = catalogView.current();
        Set<String> affected = catalog.affected(Set.of(componentId));
        List<String> used = catalog.names(affected.stream().filter(c -> !catalog.groupsUsing(Set.of(c)).isEmpty())
                .toList());
        List<String> services = used.isEmpty() ? catalog.names(Set.of(componentId)) : used;
        MessageRenderer r = new MessageRenderer(engine);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("incident", incidentId);
        out.put("services", services);
        for (String lang : List.of("nb", "en")) {
            MessageRenderer.Input in = new MessageRenderer.Input(TransitionKind.PUBLISHED, lang, incidentId, title,
                    services, text == null || text.isBlank() ? List.of() : List.of(text), null,
                    baseUrl + "/hendelser/" + incidentId, baseUrl + "/avmelding/…");
            MessageRenderer.Sms sms = r.sms(in);
            MessageRenderer.Email mail = r.email(in);
            SmsSegments.Count count = sms.segments();
            out.put(lang, Map.of("sms", Map.of("text", sms.text(), "segments", count.segments(), "gsm7", count.gsm7(),
                    "characters", count.units()), "email", Map.of("subject", mail.subject(), "text", mail.text())));
        }
        return out;
    }
}
