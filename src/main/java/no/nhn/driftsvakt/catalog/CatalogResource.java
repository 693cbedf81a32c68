package no.nhn.driftsvakt.catalog;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.smallrye.common.annotation.Blocking;
import no.nhn.driftsvakt.platform.AdminTokens;

/** The catalog in force, and reload on request ({@code POST /api/v1/admin/catalog/reload}, admin token). */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class CatalogResource {

    @Inject
    CatalogService catalogs;

    @Inject
    AdminTokens admin;

    @GET
    @Path("/catalog")
    public Map<String, Object> summary() {
        Catalog c = catalogs.current();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", c.version());
        out.put("source", c.source());
        out.put("components", c.components().stream().map(x -> Map.of("id", x.id(), "name", x.name(),
                "category", x.category(), "kind", x.kind().name().toLowerCase(java.util.Locale.ROOT),
                "dependsOn", x.dependsOn(), "checks", x.checks().stream().map(Check::id).toList())).toList());
        out.put("customerGroups", c.customerGroups());
        out.put("supportGroups", c.supportGroups());
        return out;
    }

    @POST
    @Path("/admin/catalog/reload")
    @Blocking
    public Response reload(@HeaderParam("Authorization") String authorization) {
        Optional<Response> denied = admin.check(authorization);
        if (denied.isPresent()) {
            return denied.get();
        }
        CatalogService.ReloadOutcome o = catalogs.reload();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("applied", o.applied());
        body.put("version", o.version());
        body.put("problems", o.problems().stream().map(p -> Map.of("file", p.file(), "line", p.line(),
                "field", p.field(), "message", p.message(), "text", p.toString())).toList());
        if (!o.problems().isEmpty()) {
            body.put("title", "Katalogen ble avvist / Catalog rejected");
            body.put("detail", "The catalog in force (version " + o.version() + ") was kept.");
            return Response.status(422).entity(body).build();
        }
        return Response.ok(body).build();
    }
}
