package no.nhn.driftsvakt.catalog;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready when a valid catalog is in force; a rejected reload is reported but does not make the node unready. */
@Readiness
@io.smallrye.health.api.HealthGroup("serving")
@ApplicationScoped
public class CatalogHealthCheck implements HealthCheck {

    private final CatalogService catalogs;

    CatalogHealthCheck(CatalogService catalogs) {
        this.catalogs = catalogs;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("catalog");
        try {
            Catalog c = catalogs.current();
            b.up().withData("version", c.version()).withData("source", c.source())
                    .withData("components", c.components().size()).withData("checks", c.checks().size());
            catalogs.lastOutcome().filter(o -> !o.problems().isEmpty()).ifPresent(o -> b
                    .withData("lastReloadRejected", o.at().toString())
                    .withData("lastReloadProblems", o.problems().size()));
        } catch (CatalogException e) {
            b.down().withData("error", e.getMessage());
        }
        return b.build();
    }
}
