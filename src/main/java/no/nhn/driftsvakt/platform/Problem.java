package no.nhn.driftsvakt.platform;

import com.fasterxml.jackson.annotation.JsonInclude;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem body: what went wrong, and which field, in Norwegian and English.
 *
 * @param field the request field or path element at fault, when there is one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String field) {

    public static final MediaType JSON = new MediaType("application", "problem+json");

    public static Response response(int status, String title, String detail, String field) {
        return Response.status(status).type(JSON)
                .entity(new Problem("about:blank", title, status, detail, field)).build();
    }
}
