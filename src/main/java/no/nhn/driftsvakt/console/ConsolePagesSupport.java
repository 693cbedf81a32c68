package no.nhn.driftsvakt.console;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** What console pages share. */
final class ConsolePagesSupport {

    private ConsolePagesSupport() {
    }

    /**
     * A rendered console page: HTML, never cached, with the CSRF cookie (re)issued when the page's token is not the
     * one the browser sent.
     */
    static Response page(int status, String html, String csrf, String csrfCookie, boolean secureCookies) {
        Response.ResponseBuilder b = Response.status(status).entity(html)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).header("Cache-Control", "no-store");
        if (!csrf.equals(csrfCookie)) {
            b.cookie(ConsoleCsrf.cookie(csrf, secureCookies));
        }
        return b.build();
    }

    /** After a form: back (303) to a console page with a signed notice query ({@code ok=...} or {@code feil=...}). */
    static Response back(String path, String query) {
        return Response.seeOther(java.net.URI.create(path + "?" + query)).build();
    }

    /** A form without a valid CSRF token. */
    static Response forbidden() {
        return Response.status(403).type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                .entity("Skjemaet er utløpt eller kom fra en annen side; last siden på nytt.\n"
                        + "The form has expired or came from another site; reload the page.").build();
    }
}
