package no.nhn.driftsvakt.driftsweb;

import java.time.Instant;

import no.nhn.driftsvakt.incident.TimelineEntry;

/**
 * Writes driftsweb's Atom feed (RFC 4287): one entry per confirmed incident, its public updates as content, and one
 * per planned maintenance window (cancelled ones say so).
 */
public final class AtomFeed {

    private AtomFeed() {
    }

    public static String write(SiteModel.Snapshot s, String baseUrl) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        Instant updated = s.feed().archive().stream().map(PublicFeed.PublicIncident::updatedAt)
                .filter(java.util.Objects::nonNull).max(Instant::compareTo).orElse(s.builtAt());
        StringBuilder b = new StringBuilder(4096);
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        b.append("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"nb\">\n");
        b.append("  <id>").append(x(base)).append("/feed.atom</id>\n");
        b.append("  <title>Driftsstatus – Norsk Helsenett</title>\n");
        b.append("  <subtitle>Hendelser og driftsmeldinger / Incidents and service notices</subtitle>\n");
        b.append("  <updated>").append(updated).append("</updated>\n");
        b.append("  <link rel=\"self\" type=\"application/atom+xml\" href=\"").append(x(base)).append("/feed.atom\"/>\n");
        b.append("  <link rel=\"alternate\" type=\"text/html\" href=\"").append(x(base)).append("/\"/>\n");
        b.append("  <author><name>Norsk Helsenett, kundesenteret</name></author>\n");
        int n = 0;
        for (PublicFeed.PublicIncident i : s.feed().archive()) {
            if (n++ == 50) {
                break;
            }
            String link = base + "/hendelser/" + i.id();
            b.append("  <entry>\n");
            b.append("    <id>").append(x(link)).append("</id>\n");
            b.append("    <title>").append(x(i.componentName() + ": " + i.title() + " (" + i.stateNb() + " / "
                    + i.stateEn() + ")")).append("</title>\n");
            b.append("    <link rel=\"alternate\" type=\"text/html\" href=\"").append(x(link)).append("\"/>\n");
            b.append("    <published>").append(i.openedAt()).append("</published>\n");
            b.append("    <updated>").append(i.updatedAt() == null ? i.openedAt() : i.updatedAt()).append("</updated>\n");
            b.append("    <category term=\"").append(x(i.componentId())).append("\" label=\"")
                    .append(x(i.componentName())).append("\"/>\n");
            b.append("    <content type=\"text\">");
            for (TimelineEntry u : i.updates()) {
                b.append(x(Format.minute(u.at()) + " " + u.text())).append('\n');
            }
            b.append("</content>\n");
            b.append("  </entry>\n");
        }
        for (no.nhn.driftsvakt.maintenance.Maintenance w : s.maintenance()) {
            String link = base + "/#vedlikehold-" + w.id();
            boolean cancelled = w.cancelledAt() != null;
            b.append("  <entry>\n");
            b.append("    <id>").append(x(base + "/vedlikehold/" + w.id())).append("</id>\n");
            b.append("    <title>").append(x((cancelled ? "Avlyst / cancelled: " : "Planlagt vedlikehold / planned "
                    + "maintenance: ") + w.title() + " (" + Format.minute(w.startsAt()) + " – "
                    + Format.minute(w.endsAt()) + ")")).append("</title>\n");
            b.append("    <link rel=\"alternate\" type=\"text/html\" href=\"").append(x(link)).append("\"/>\n");
            b.append("    <published>").append(w.createdAt()).append("</published>\n");
            b.append("    <updated>").append(cancelled ? w.cancelledAt() : w.createdAt()).append("</updated>\n");
            b.append("    <category term=\"vedlikehold\" label=\"Vedlikehold / maintenance\"/>\n");
            b.append("    <content type=\"text\">").append(x(w.description() + "\n" + s.componentNames(w)))
                    .append("</content>\n");
            b.append("  </entry>\n");
        }
        b.append("</feed>\n");
        return b.toString();
    }

    /** Escapes text for XML content and attributes, and drops characters XML 1.0 does not allow. */
    static String x(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        s.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> {
                    if (c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                            || c >= 0x10000) {
                        b.appendCodePoint(c);
                    }
                }
            }
        });
        return b.toString();
    }
}
