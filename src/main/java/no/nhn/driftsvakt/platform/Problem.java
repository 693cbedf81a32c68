package no.nhn.driftsvakt.platform;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem body: what went wrong, and which field, in Norwegian and English.
 *
 * @param field the request field or path element at fault, when there is one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String field, List<?> errors) {

    public static final MediaType JSON = new MediaType("application", "problem+json");

    public static Response response(int status, String title, String detail, String field) {
        return response(status, title, detail, field, null);
    }

    /** @param errors every problem found, when there are several (e.g. per item of a batch) */
    public static Response response(int status, String title, String detail, String field, List<?> errors) {
        return Response.status(status).type(JSON)
                .entity(new Problem("about:blank", title, status, detail, field, errors)).build();
    }
}
