package no.nhn.driftsvakt.platform;

import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The REST layer's own refusals as problem bodies that say what to change, like every other error here. */
public class HttpProblems {

    @ServerExceptionMapper
    public Response unsupported(NotSupportedException e, HttpHeaders headers) {
        return unsupportedMediaType(headers.getHeaderString(HttpHeaders.CONTENT_TYPE));
    }

    /** The 415 for a body sent as {@code type} (the Content-Type header as given; null when there was none). */
    public static Response unsupportedMediaType(String type) {
        return Problem.response(415, "Feil innholdstype / Unsupported media type",
                "send the body as application/json in UTF-8" + (type == null ? "" : ", not " + type), "Content-Type");
    }
}
