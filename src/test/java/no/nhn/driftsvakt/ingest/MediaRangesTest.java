package no.nhn.driftsvakt.ingest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The Content-Type and Accept checks of the fast route; the cases are what RESTEasy answered for IngestResource. */
class MediaRangesTest {

    @Test
    void aBodyIsReadWithoutAContentTypeOrWithOneCompatibleWithJson() {
        for (String ok : new String[] {null, "", "application/json", "application/json; charset=UTF-8",
                "application/json;charset=utf8", "application/json; charset=\"utf-8\"", "APPLICATION/JSON",
                "application/*", "*/*"}) {
            assertTrue(MediaRanges.jsonBody(ok), ok);
        }
        for (String no : new String[] {"text/plain", "json", "application/merge-patch+json", "*/xml",
                "application/json; charset=ISO-8859-1", "application/json;charset=utf-16"}) {
            assertFalse(MediaRanges.jsonBody(no), no);
        }
    }

    @Test
    void jsonIsAcceptableUnlessNoAcceptHeaderCoversIt() {
        for (String ok : new String[] {"", "*/*", "application/json, application/problem+json",
                "text/html;q=0.9, application/*;q=0.1", "application/json; charset=utf-8", "application/json;q=0"}) {
            assertTrue(MediaRanges.acceptsJson(List.of(ok)), ok);
        }
        assertTrue(MediaRanges.acceptsJson(List.of()));
        assertTrue(MediaRanges.acceptsJson(List.of("text/html", "application/json")));
        for (String no : new String[] {"text/html", "application/problem+json", "foo", "text/*, application/xml"}) {
            assertFalse(MediaRanges.acceptsJson(List.of(no)), no);
        }
    }
}
