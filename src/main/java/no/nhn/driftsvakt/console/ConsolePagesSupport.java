package no.nhn.driftsvakt.console;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** What console pages share. */
final class ConsolePagesSupport {

    private ConsolePagesSupport() {
    }

    /** A form without a valid CSRF token. */
    static Response forbidden() {
        return Response.status(403).type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                .entity("Skjemaet er utløpt eller kom fra en annen side; last siden på nytt.\n"
                        + "The form has expired or came from another site; reload the page.").build();
    }
}
