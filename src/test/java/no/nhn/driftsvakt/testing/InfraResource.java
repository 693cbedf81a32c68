package no.nhn.driftsvakt.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Hands every {@code @QuarkusTest} the shared real Kafka broker and PostgreSQL. */
@QuarkusTestResource(InfraResource.class)
public class InfraResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Infra.config();
    }

    @Override
    public void stop() {
        // Shared across service restarts; stopped when the test JVM exits.
    }
}
