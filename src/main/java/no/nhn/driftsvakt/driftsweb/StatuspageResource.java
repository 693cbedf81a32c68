package no.nhn.driftsvakt.driftsweb;

import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import no.nhn.driftsvakt.maintenance.Maintenance;

/**
 * {@code /api/v2/*.json}: driftsweb in Atlassian Statuspage's public v2 format, from the in-memory snapshot (no
 * login, no database).
 */
@Path("/api/v2")
@Tag(name = "Statuspage v2")
@Produces(MediaType.APPLICATION_JSON)
public class StatuspageResource {

    @Inject
    SiteModel model;

    @ConfigProperty(name = "driftsvakt.public-base-url", defaultValue = "http://localhost:8080")
    String baseUrl;

    private StatuspageV2 v2() {
        return new StatuspageV2(model.snapshot(), baseUrl);
    }

    @GET
    @Path("summary.json")
    @Operation(summary = "Page, overall status, components, unresolved incidents and upcoming maintenance")
    public Map<String, Object> summary() {
        return v2().summary();
    }

    @GET
    @Path("status.json")
    @Operation(summary = "The overall status indicator (none, minor, major, critical, maintenance)")
    public Map<String, Object> status() {
        return v2().statusDocument();
    }

    @GET
    @Path("components.json")
    @Operation(summary = "Every component and category group with its status")
    public Map<String, Object> components() {
        return v2().componentsDocument();
    }

    @GET
    @Path("incidents.json")
    @Operation(summary = "The 50 most recent incidents with their public updates")
    public Map<String, Object> incidents() {
        return v2().incidentsDocument(false);
    }

    @GET
    @Path("incidents/unresolved.json")
    @Operation(summary = "Incidents not yet resolved")
    public Map<String, Object> unresolved() {
        return v2().incidentsDocument(true);
    }

    @GET
    @Path("scheduled-maintenances.json")
    @Operation(summary = "The 50 most recent planned maintenances")
    public Map<String, Object> maintenances() {
        return v2().maintenancesDocument();
    }

    @GET
    @Path("scheduled-maintenances/upcoming.json")
    @Operation(summary = "Planned maintenances not yet started")
    public Map<String, Object> upcoming() {
        return v2().maintenancesDocument(Maintenance.Phase.SCHEDULED);
    }

    @GET
    @Path("scheduled-maintenances/active.json")
    @Operation(summary = "Planned maintenances in progress")
    public Map<String, Object> active() {
        return v2().maintenancesDocument(Maintenance.Phase.IN_PROGRESS);
    }
}
