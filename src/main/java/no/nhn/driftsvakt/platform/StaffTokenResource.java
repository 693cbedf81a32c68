package no.nhn.driftsvakt.platform;

import java.net.URI;
import java.sql.SQLException;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import io.smallrye.common.annotation.Blocking;

/**
 * {@code /api/v1/admin/tokens}: staff API tokens, created and revoked by an admin (admin token). A new token is in
 * the answer to its creation and nowhere else; the audit log records the creation without it.
 */
@Path("/api/v1/admin/tokens")
@Tag(name = "Admin")
@Blocking
@Produces(MediaType.APPLICATION_JSON)
public class StaffTokenResource {

    private static final Logger LOG = Logger.getLogger(StaffTokenResource.class);

    @Inject
    AdminTokens admins;

    @Inject
    StaffTokenStore store;

    @Inject
    StaffTokens tokens;

    @GET
    @Operation(summary = "Every staff token (never the secret): active first, newest first")
    public Response list(@HeaderParam("Authorization") String auth) throws SQLException {
        Optional<Response> denied = admins.check(auth);
        return denied.isPresent() ? denied.get() : Response.ok(store.list()).build();
    }

    /** The body of a creation: the name the timeline will show for this client. */
    public record NewToken(String name) {
    }

    /** The answer to a creation: the only place the token ever appears. */
    public record Issued(String id, String name, java.time.Instant createdAt, String token) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a staff token; the answer holds the token, shown this once")
    public Response create(@HeaderParam("Authorization") String auth, NewToken body) throws SQLException {
        Optional<Response> denied = admins.check(auth);
        if (denied.isPresent()) {
            return denied.get();
        }
        if (body == null || !StaffTokenStore.validName(body.name())) {
            return Problem.response(422, "Ugyldig navn / Invalid name", "name: 1–60 letters, digits, spaces or . _ - "
                    + "(it is shown in timelines and the audit log)", "name");
        }
        StaffTokenStore.Created c = store.create(body.name().strip(), "admin-token");
        tokens.refresh();
        LOG.infof("Staff token %s (%s) created", c.info().id(), c.info().name());
        return Response.created(URI.create("/api/v1/admin/tokens/" + c.info().id()))
                .entity(new Issued(c.info().id(), c.info().name(), c.info().createdAt(), c.token())).build();
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke a staff token: refused by every replica within seconds")
    public Response revoke(@HeaderParam("Authorization") String auth, @PathParam("id") String id) throws SQLException {
        Optional<Response> denied = admins.check(auth);
        if (denied.isPresent()) {
            return denied.get();
        }
        Optional<StaffTokenStore.StaffToken> t = store.revoke(id, "admin-token");
        if (t.isEmpty()) {
            return Problem.response(404, "Ukjent token / Unknown token", "No staff token " + id, "id");
        }
        tokens.refresh();
        LOG.infof("Staff token %s (%s) revoked", id, t.get().name());
        return Response.ok(t.get()).build();
    }

}
