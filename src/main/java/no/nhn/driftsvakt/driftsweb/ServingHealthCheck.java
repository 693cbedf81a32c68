package no.nhn.driftsvakt.driftsweb;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.health.api.HealthGroup;

/**
 * Whether this replica can serve driftsweb: it has a snapshot to answer from, however old. In the {@code serving}
 * group ({@code /q/health/group/serving}), which Kubernetes uses for readiness, so a shared outage of Kafka or
 * PostgreSQL does not take every replica out of the Service — driftsweb keeps answering from memory, with "sist
 * oppdatert". The full readiness ({@code /q/health/ready}, with Kafka and the database) is for monitoring.
 */
@Readiness
@HealthGroup("serving")
@ApplicationScoped
public class ServingHealthCheck implements HealthCheck {

    @Inject
    SiteModel site;

    @Override
    public HealthCheckResponse call() {
        SiteModel.Snapshot s = site.current(); // never builds: a rebuild in progress may be asking for readiness
        return HealthCheckResponse.named("driftsweb").status(s != null).withData("stale", s != null && s.stale())
                .withData("builtAt", s == null ? "" : String.valueOf(s.builtAt())).build();
    }
}
