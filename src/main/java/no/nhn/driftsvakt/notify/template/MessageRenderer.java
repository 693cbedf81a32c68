package no.nhn.driftsvakt.notify.template;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkus.qute.Engine;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.ReflectionValueResolver;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.TemplateLocator;
import io.quarkus.qute.Variant;
import no.nhn.driftsvakt.notify.TransitionKind;

/**
 * Renders the customer texts from the Qute templates under {@code templates/notify/} in bokmål or English: SMS
 * (shortened to fit one segment where it can), e-mail (text and HTML, escaped) and webhook JSON. Texts carry
 * service names, the status, a link and the opt-out; never health or personal data.
 */
public final class MessageRenderer {

    /** What a message is about, with everything a template may show. */
    public record Input(TransitionKind kind, String language, String subjectId, String title, List<String> services,
                        List<String> updates, String priority, String link, String optOutLink) {
        public Input {
            services = List.copyOf(services);
            updates = List.copyOf(updates);
        }

        String lang() {
            return "en".equals(language) ? "en" : "nb";
        }
    }

    public record Sms(String text, SmsSegments.Count segments) {
    }

    public record Email(String subject, String text, String html) {
    }

    private final Engine engine;

    public MessageRenderer(Engine engine) {
        this.engine = engine;
    }

    /** An engine outside Quarkus (tests, benchmarks) that reads the same templates and escapes HTML the same way. */
    public static Engine standaloneEngine() {
        return Engine.builder().addDefaults().addValueResolver(new ReflectionValueResolver())
                .addResultMapper(new HtmlEscaper(List.of(Variant.TEXT_HTML)))
                .addLocator(new ClasspathLocator()).build();
    }

    public Sms sms(Input in) {
        String text = null;
        // Name every service if that fits one segment; else the first ones and how many more.
        for (int shown = in.services().size(); shown >= 1; shown--) {
            text = render("sms-" + in.lang() + ".txt", in, names(in, shown)).strip();
            if (SmsSegments.count(text).segments() == 1) {
                break;
            }
        }
        return new Sms(text, SmsSegments.count(text));
    }

    public Email email(Input in) {
        String subject = subject(in);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("subject", subject);
        extra.put("serviceList", in.services());
        return new Email(subject, render("email-" + in.lang() + ".txt", in, extra),
                render("email-" + in.lang() + ".html", in, extra));
    }

    /** The e-mail subject line. */
    public static String subject(Input in) {
        String services = String.join(", ", in.services());
        boolean en = in.lang().equals("en");
        return switch (in.kind()) {
            case PUBLISHED -> (en ? "Disruption: " : "Driftsforstyrrelse: ") + services;
            case RESOLVED -> (en ? "Resolved: " : "Løst: ") + services;
            case UPDATE -> (en ? "Update: " : "Oppdatering: ") + services;
            case MAINTENANCE_SCHEDULED -> (en ? "Planned maintenance: " : "Planlagt vedlikehold: ") + services;
            case MAINTENANCE_STARTED -> (en ? "Maintenance started: " : "Vedlikehold startet: ") + services;
            case MAINTENANCE_ENDED -> (en ? "Maintenance ended: " : "Vedlikehold ferdig: ") + services;
            case MAINTENANCE_CANCELLED -> (en ? "Maintenance cancelled: " : "Vedlikehold avlyst: ") + services;
            case STAFF_ALERT -> "[Driftsvakt " + in.priority() + "] " + (en ? "Suspected failure: " : "Mistenkt feil: ")
                    + services;
            case ESCALATION -> "[Driftsvakt " + in.priority() + "] " + (en ? "Escalated, still not resolved: "
                    : "Eskalert, fortsatt ikke løst: ") + services;
            case ASSIGNMENT -> "[Driftsvakt " + in.priority() + "] " + (en ? "Assigned to your group: "
                    : "Tildelt gruppen deres: ") + services;
        };
    }

    private Map<String, Object> names(Input in, int shown) {
        List<String> s = in.services();
        String text;
        boolean en = in.lang().equals("en");
        if (shown >= s.size()) {
            text = s.size() <= 1 ? String.join("", s) : String.join(", ", s.subList(0, s.size() - 1))
                    + (en ? " and " : " og ") + s.get(s.size() - 1);
        } else {
            int more = s.size() - shown;
            text = String.join(", ", s.subList(0, shown)) + (en ? " and " + more + " more" : " og " + more + " til");
        }
        return Map.of("services", text);
    }

    private String render(String id, Input in, Map<String, Object> extra) {
        Template t = engine.getTemplate("notify/" + id);
        if (t == null) {
            throw new IllegalStateException("template notify/" + id + " is missing");
        }
        TemplateInstance i = t.instance().data("kind", in.kind().wire()).data("title", in.title())
                .data("updates", in.updates()).data("priority", in.priority() == null ? "" : in.priority())
                .data("link", in.link()).data("optOutLink", in.optOutLink() == null ? "" : in.optOutLink())
                .data("optOut", in.optOutLink() != null).data("subjectId", in.subjectId());
        extra.forEach(i::data);
        return i.render();
    }

    /** Finds {@code templates/<id>} on the classpath; {@code .html} templates are HTML (escaped). */
    static final class ClasspathLocator implements TemplateLocator {
        @Override
        public Optional<TemplateLocation> locate(String id) {
            InputStream in = MessageRenderer.class.getClassLoader().getResourceAsStream("templates/" + id);
            if (in == null) {
                return Optional.empty();
            }
            String content;
            try (in) {
                content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException("template " + id + " could not be read", e);
            }
            Variant v = Variant.forContentType(id.endsWith(".html") ? Variant.TEXT_HTML : Variant.TEXT_PLAIN);
            return Optional.of(new TemplateLocation() {
                @Override
                public Reader read() {
                    return new StringReader(content);
                }

                @Override
                public Optional<Variant> getVariant() {
                    return Optional.of(v);
                }
            });
        }
    }
}
