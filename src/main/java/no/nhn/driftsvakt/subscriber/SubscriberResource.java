package no.nhn.driftsvakt.subscriber;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.common.annotation.Blocking;
import no.nhn.driftsvakt.catalog.CatalogService;
import no.nhn.driftsvakt.delivery.LocalOutbox;
import no.nhn.driftsvakt.platform.FieldError;
import no.nhn.driftsvakt.platform.Problem;
import no.nhn.driftsvakt.platform.StaffTokens;

/**
 * {@code /api/v1/subscribers}: staff register contacts (one, or a group's CSV), read, export and erase them;
 * confirming an SMS code needs no token (the code is the secret, five tries).
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Subscribers", description = "Contacts of customer groups and their consent")
@Blocking
public class SubscriberResource {

    @Inject
    SubscriberService subscribers;

    @Inject
    StaffTokens staff;

    @Inject
    CatalogService catalogs;

    @Inject
    LocalOutbox localOutbox;

    /** A contact as staff register it. */
    public record ContactRequest(String name, String organisation, String phone, String email, String webhookUrl,
                                 String language, String window, List<String> groups, List<String> components,
                                 Boolean staff) {
    }

    public record CodeRequest(String code) {
    }

    @POST
    @Path("/subscribers")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a contact",
            description = "Each channel with an address starts pending; an SMS code and an e-mail link are sent for "
                    + "double opt-in. 409 if the phone number or e-mail address is registered already.")
    public Response register(@HeaderParam("Authorization") String auth, ContactRequest body) throws SQLException {
        StaffTokens.Result who = staff.check(auth);
        if (!who.ok()) {
            return who.denied();
        }
        if (body == null) {
            return invalid(List.of(new FieldError(400, "(body)", "send the contact as a JSON object")));
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", body.name());
        fields.put("organisation", body.organisation());
        fields.put("phone", body.phone());
        fields.put("email", body.email());
        fields.put("webhookUrl", body.webhookUrl());
        fields.put("language", body.language());
        fields.put("window", body.window());
        ContactValidator.Outcome o = validator().validate(fields, body.groups() == null ? List.of() : body.groups(),
                body.components() == null ? List.of() : body.components(), "", Boolean.TRUE.equals(body.staff()));
        if (!o.ok()) {
            return invalid(o.errors());
        }
        try {
            return Response.status(201).entity(subscribers.register(o.contact(), "staff")).build();
        } catch (SubscriberService.Refused e) {
            return invalid(List.of(e.error()));
        }
    }

    @POST
    @Path("/customer-groups/{group}/subscribers")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @Operation(summary = "Import a customer group's contacts from CSV",
            description = "Columns: name, organisation, phone, email, language, window, components (comma or "
                    + "semicolon separated, header row). Every valid row is registered (pending double opt-in); the "
                    + "report names each refused row and column.")
    public Response importCsv(@HeaderParam("Authorization") String auth, @PathParam("group") String group, String csv)
            throws SQLException {
        StaffTokens.Result who = staff.check(auth);
        if (!who.ok()) {
            return who.denied();
        }
        if (catalogs.current().customerGroups().stream().noneMatch(g -> g.id().equals(group))) {
            return invalid(List.of(new FieldError(404, "group", "unknown customer group '" + group + "'")));
        }
        return Response.ok(subscribers.importCsv(group, csv == null ? "" : csv, validator())).build();
    }

    @GET
    @Path("/subscribers")
    @Operation(summary = "A customer group's subscribers")
    public Response list(@HeaderParam("Authorization") String auth, @QueryParam("group") String group)
            throws SQLException {
        StaffTokens.Result who = staff.check(auth);
        if (!who.ok()) {
            return who.denied();
        }
        if (group == null || group.isBlank()) {
            return invalid(List.of(new FieldError(400, "group", "name the customer group, e.g. ?group=fastleger")));
        }
        return Response.ok(subscribers.byGroup(group)).build();
    }

    @GET
    @Path("/subscribers/{id}")
    @Operation(summary = "One subscriber")
    public Response get(@HeaderParam("Authorization") String auth, @PathParam("id") String id) throws SQLException {
        StaffTokens.Result who = staff.check(auth);
        if (!who.ok()) {
            return who.denied();
        }
        return subscribers.find(id).map(s -> Response.ok(s).build()).orElseGet(() -> notFound(id));
    }

    @GET
    @Path("/subscribers/{id}/export")
    @Operation(summary = "Everything held about a subscriber (right of access): contact, choices, consent history")
    public Response export(@HeaderParam("Authorization") String auth, @PathParam("id") String id) throws SQLException {
        StaffTokens.Result who = staff.check(auth);
        if (!who.ok()) {
            return who.denied();
        }
        return subscribers.export(id).map(m -> Response.ok(m).build()).orElseGet(() -> notFound(id));
    }

    @GET
    @Path("/subscribers/{id}/webhook-secret")
    @Operation(summary = "The secret the subscriber's webhook deliveries are signed with (X-Driftsvakt-Signature)")
    public Response webhookSecret(@HeaderParam("Authorization") String auth, @PathParam("id") String id)
            throws SQLException {
        StaffTokens.Result who = staff.check(auth);
        if (!who.ok()) {
            return who.denied();
        }
        return subscribers.webhookSecret(id).map(s -> Response.ok(Map.of("subscriberId", id, "secret", s)).build())
                .orElseGet(() -> notFound(id));
    }

    @DELETE
    @Path("/subscribers/{id}")
    @Operation(summary = "Erase a subscriber",
            description = "Name, phone number, e-mail address and webhook are deleted; the consent history stays "
                    + "with the id only.")
    public Response erase(@HeaderParam("Authorization") String auth, @PathParam("id") String id) throws SQLException {
        StaffTokens.Result who = staff.check(auth);
        if (!who.ok()) {
            return who.denied();
        }
        return subscribers.erase(id, who.actor()) ? Response.noContent().build() : notFound(id);
    }

    @POST
    @Path("/subscribers/{id}/confirm-sms")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Confirm the phone number with the code sent by SMS (five tries; 24 hours)")
    public Response confirmSms(@PathParam("id") String id, CodeRequest body) throws SQLException {
        try {
            subscribers.confirmSms(id, body == null ? null : body.code());
            return Response.ok(Map.of("subscriberId", id, "sms", "confirmed")).build();
        } catch (SubscriberService.Refused e) {
            return invalid(List.of(e.error()));
        }
    }

    @GET
    @Path("/notifications/outbox")
    @Operation(summary = "Messages kept in the local outbox (no provider configured), newest first; addresses masked")
    public Response outbox(@HeaderParam("Authorization") String auth, @QueryParam("subscriber") String subscriber,
                           @QueryParam("limit") Integer limit) throws SQLException {
        StaffTokens.Result who = staff.check(auth);
        if (!who.ok()) {
            return who.denied();
        }
        return Response.ok(localOutbox.latest(subscriber, limit == null ? 100 : Math.min(1000, limit))).build();
    }

    ContactValidator validator() {
        return ContactValidator.forCatalog(catalogs.current());
    }

    private static Response notFound(String id) {
        return Problem.response(404, "Finnes ikke / Not found", "no subscriber " + id, "id");
    }

    private static Response invalid(List<FieldError> errors) {
        FieldError first = errors.get(0);
        return Problem.response(first.status(), first.status() == 409 ? "Finnes fra før / Already registered"
                        : first.status() == 404 ? "Ukjent / Unknown" : "Ugyldig forespørsel / Invalid request",
                first.field() + ": " + first.message(), first.field(), errors.size() > 1 ? errors : null);
    }
}
