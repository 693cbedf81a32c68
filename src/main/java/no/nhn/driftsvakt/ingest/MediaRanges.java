package no.nhn.driftsvakt.ingest;

import java.util.List;

import jakarta.ws.rs.core.MediaType;

/**
 * The media type checks RESTEasy makes before a method with {@code @Consumes} and {@code @Produces}
 * {@code application/json} (its ClassRoutingHandler), for {@link IngestRoute}, which answers those requests without
 * RESTEasy: the same parsing ({@link MediaType#valueOf}) and the same {@link MediaType#isCompatible}. Pure.
 */
final class MediaRanges {

    private static final MediaType JSON = MediaType.APPLICATION_JSON_TYPE;

    private MediaRanges() {
    }

    /**
     * Whether a body with this Content-Type is read (else 415): none given, or one compatible with JSON, in UTF-8 (no
     * charset, or {@code charset=utf-8}). JSON between systems is UTF-8 (RFC 8259), and the body is parsed from its
     * bytes as such; another declared charset is refused rather than misread.
     */
    static boolean jsonBody(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        try {
            MediaType type = MediaType.valueOf(contentType);
            String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
            return type.isCompatible(JSON) && (charset == null || charset.equalsIgnoreCase("utf-8")
                    || charset.equalsIgnoreCase("utf8"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Whether a JSON answer is acceptable (else 406): no Accept header, or one of them with a range compatible with
     * JSON. Quality values are not looked at (RESTEasy does not either: {@code application/json;q=0} is accepted).
     */
    static boolean acceptsJson(List<String> acceptHeaders) {
        if (acceptHeaders.isEmpty()) {
            return true;
        }
        for (String header : acceptHeaders) {
            if (header.isBlank() || MediaType.WILDCARD.equals(header)) {
                return true;
            }
            for (String range : header.split(",")) {
                try {
                    if (JSON.isCompatible(MediaType.valueOf(range.trim()))) {
                        return true;
                    }
                } catch (IllegalArgumentException e) {
                    // not a media type: matches nothing
                }
            }
        }
        return false;
    }
}
