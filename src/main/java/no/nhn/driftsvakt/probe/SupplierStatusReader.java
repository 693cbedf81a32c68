package no.nhn.driftsvakt.probe;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import no.nhn.driftsvakt.catalog.CheckSpec;

/**
 * Reads a supplier's own status publication into one of three levels. Pure: bytes in, a reading out; anything it
 * cannot read (not JSON, not a feed, the named component missing) is an {@link IllegalArgumentException} that says
 * what is wrong, and says nothing about the supplier's service.
 *
 * <p>Statuspage: a component's {@code status} (operational and under_maintenance → up, degraded_performance and
 * partial_outage → degraded, major_outage → down), or without a component the page's {@code status.indicator}
 * (none and maintenance → up, minor and major → degraded, critical → down). Feeds: failing (degraded) while the
 * newest entry about the component is less than {@link #FEED_WINDOW} old and does not say it is resolved.
 */
public final class SupplierStatusReader {

    /** How long a feed entry without a resolution counts as an ongoing incident. */
    public static final Duration FEED_WINDOW = Duration.ofHours(24);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RESOLVED = Pattern.compile(
            "\\b(resolved|completed|løst|fullført|gjenopprettet|restored|fixed)\\b",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    public enum Level { UP, DEGRADED, DOWN }

    /** What the supplier says: a level and a short text for the signal's summary. */
    public record Reading(Level level, String text) {
    }

    private SupplierStatusReader() {
    }

    public static Reading read(CheckSpec.SupplierFormat format, byte[] body, Optional<String> component, Instant now) {
        return switch (format) {
            case STATUSPAGE -> statuspage(body, component);
            case ATOM -> feed(body, component, now, false);
            case RSS -> feed(body, component, now, true);
        };
    }

    static Reading statuspage(byte[] body, Optional<String> component) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not Statuspage JSON: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not Statuspage JSON: the body is not an object");
        }
        String page = root.path("page").path("name").asText("");
        String prefix = page.isBlank() ? "" : page + ": ";
        if (component.isPresent()) {
            String want = component.get().trim();
            for (JsonNode c : root.path("components")) {
                if (c.path("id").asText().equals(want) || c.path("name").asText().equalsIgnoreCase(want)) {
                    String status = c.path("status").asText("");
                    Level level = switch (status) {
                        case "operational", "under_maintenance" -> Level.UP;
                        case "degraded_performance", "partial_outage" -> Level.DEGRADED;
                        case "major_outage" -> Level.DOWN;
                        default -> throw new IllegalArgumentException("component '" + want + "' has an unknown status '"
                                + status + "'");
                    };
                    return new Reading(level, prefix + c.path("name").asText(want) + " " + status.replace('_', ' '));
                }
            }
            throw new IllegalArgumentException("no component '" + want + "' on the supplier's page");
        }
        JsonNode st = root.path("status");
        String indicator = st.path("indicator").asText("");
        Level level = switch (indicator) {
            case "none", "maintenance" -> Level.UP;
            case "minor", "major" -> Level.DEGRADED;
            case "critical" -> Level.DOWN;
            default -> throw new IllegalArgumentException("status.indicator '" + indicator + "' is not one of none, "
                    + "minor, major, critical, maintenance");
        };
        return new Reading(level, prefix + st.path("description").asText(indicator));
    }

    static Reading feed(byte[] body, Optional<String> component, Instant now, boolean rss) {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(body));
        } catch (Exception e) {
            throw new IllegalArgumentException("not an XML feed: " + firstLine(e.getMessage()));
        }
        String root = doc.getDocumentElement().getLocalName();
        if (rss ? !"rss".equals(root) : !"feed".equals(root)) {
            throw new IllegalArgumentException("not " + (rss ? "an RSS" : "an Atom") + " feed: the root is <" + root + ">");
        }
        NodeList entries = rss ? doc.getElementsByTagName("item")
                : doc.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry");
        Instant newest = null;
        String title = null;
        String text = null;
        for (int i = 0; i < entries.getLength(); i++) {
            Element e = (Element) entries.item(i);
            String t = child(e, "title");
            String content = rss ? child(e, "description") : Optional.ofNullable(child(e, "content"))
                    .orElse(child(e, "summary"));
            if (component.isPresent() && !(contains(t, component.get()) || contains(content, component.get()))) {
                continue;
            }
            Instant at = rss ? rfc1123(child(e, "pubDate")) : iso(Optional.ofNullable(child(e, "updated"))
                    .orElse(child(e, "published")));
            if (at != null && (newest == null || at.isAfter(newest))) {
                newest = at;
                title = t;
                text = content;
            }
        }
        if (newest == null || newest.isBefore(now.minus(FEED_WINDOW))) {
            return new Reading(Level.UP, "no recent incident in the supplier's feed");
        }
        String all = (title == null ? "" : title) + " " + (text == null ? "" : text);
        if (RESOLVED.matcher(all).find()) {
            return new Reading(Level.UP, "resolved: " + shorten(title));
        }
        return new Reading(Level.DEGRADED, shorten(title));
    }

    private static String child(Element e, String name) {
        for (org.w3c.dom.Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element el && name.equals(el.getLocalName() == null ? el.getNodeName() : el.getLocalName())) {
                return el.getTextContent().trim();
            }
        }
        return null;
    }

    private static boolean contains(String text, String what) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(what.toLowerCase(Locale.ROOT));
    }

    private static Instant iso(String s) {
        if (s == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Instant rfc1123(String s) {
        if (s == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String shorten(String s) {
        if (s == null) {
            return "";
        }
        String one = s.replaceAll("\\s+", " ").trim();
        return one.length() > 160 ? one.substring(0, 157) + "..." : one;
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
