package no.nhn.driftsvakt.subscriber;

import java.sql.SQLException;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.common.annotation.Blocking;

/**
 * The pages behind the links in messages: confirm an e-mail address ({@code /bekreft/{token}}) and opt out in one
 * step ({@code /avmelding/{token}}; POST for e-mail clients' one-click List-Unsubscribe, RFC 8058).
 */
@Path("/")
@Tag(name = "Consent", description = "Links in messages: confirm and opt out")
@Blocking
public class ConsentPages {

    @Inject
    SubscriberService subscribers;

    @Inject
    @Location("consent/result.html")
    Template page;

    @GET
    @Path("/bekreft/{token}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Confirm an e-mail address (the link in the opt-in e-mail)")
    public Response confirm(@PathParam("token") String token) throws SQLException {
        if (subscribers.confirmEmail(token).isPresent()) {
            return html(200, "E-postadressen er bekreftet", "Du får driftsmeldinger fra Norsk Helsenett på e-post. "
                    + "Hver melding har en lenke for å avslutte.", "E-mail address confirmed",
                    "You will receive service notices from Norsk Helsenett by e-mail. Every message has a link to stop.");
        }
        return html(404, "Lenken virker ikke", "Lenken er ukjent, allerede brukt eller utløpt (24 timer). Meld deg på "
                + "igjen for å få en ny.", "The link does not work",
                "The link is unknown, already used or expired (24 hours). Subscribe again to get a new one.");
    }

    @GET
    @Path("/avmelding/{token}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Opt out of all notices in one step (the link in every message)")
    public Response optOut(@PathParam("token") String token) throws SQLException {
        if (subscribers.optOutByToken(token, List.of(), "link").isPresent()) {
            return html(200, "Du er meldt av", "Du får ikke flere driftsmeldinger fra Norsk Helsenett. Status finner du "
                    + "alltid på driftsweb.", "You are unsubscribed",
                    "You will get no more service notices from Norsk Helsenett. Status is always on driftsweb.");
        }
        return html(404, "Lenken virker ikke", "Vi fant ikke abonnementet. Ring kundesenteret om du fortsatt får "
                + "meldinger.", "The link does not work",
                "We could not find the subscription. Call the customer centre if messages keep coming.");
    }

    @POST
    @Path("/avmelding/{token}")
    @Operation(summary = "One-click opt-out from e-mail clients (List-Unsubscribe-Post, RFC 8058)")
    public Response oneClick(@PathParam("token") String token) throws SQLException {
        return subscribers.optOutByToken(token, List.of(), "list-unsubscribe").isPresent()
                ? Response.noContent().build() : Response.status(404).build();
    }

    private Response html(int status, String titleNb, String textNb, String titleEn, String textEn) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(page.data("titleNb", titleNb).data("textNb", textNb).data("titleEn", titleEn)
                        .data("textEn", textEn).render()).build();
    }
}
