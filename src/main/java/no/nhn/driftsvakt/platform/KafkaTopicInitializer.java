package no.nhn.driftsvakt.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.annotation.Priority;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * Creates missing topics at start-up (embedded default and tests). In production the Strimzi KafkaTopic
 * resources own the topics and {@code driftsvakt.kafka.create-topics=false}.
 */
@ApplicationScoped
public class KafkaTopicInitializer {

    private static final Logger LOG = Logger.getLogger(KafkaTopicInitializer.class);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "driftsvakt.kafka.create-topics", defaultValue = "true")
    boolean create;

    @ConfigProperty(name = "driftsvakt.kafka.replication-factor", defaultValue = "1")
    short replication;

    void onStart(@Observes @Priority(1) StartupEvent ev) throws Exception {
        if (!create) {
            return;
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000))) {
            createMissing(admin, admin.listTopics().names().get(30, TimeUnit.SECONDS), replication);
        }
    }

    /**
     * Creates every topic of {@link Topics#ALL} not in {@code existing}. The listing may be stale: replicas starting
     * together race to create the same topics, and one that another created in the meantime is fine.
     */
    static void createMissing(Admin admin, Set<String> existing, short replication) throws Exception {
        List<NewTopic> missing = new ArrayList<>();
        for (Topic t : Topics.ALL) {
            if (!existing.contains(t.name())) {
                NewTopic nt = new NewTopic(t.name(), t.partitions(), replication);
                if (t.compacted()) {
                    nt.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                            TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, "60000"));
                }
                missing.add(nt);
            }
        }
        if (!missing.isEmpty()) {
            List<String> created = new ArrayList<>();
            for (Map.Entry<String, org.apache.kafka.common.KafkaFuture<Void>> f
                    : admin.createTopics(missing).values().entrySet()) {
                try {
                    f.getValue().get(30, TimeUnit.SECONDS);
                    created.add(f.getKey());
                } catch (java.util.concurrent.ExecutionException e) {
                    if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                        throw e;
                    }
                }
            }
            LOG.infof("Created %d Kafka topics: %s (%d created by another replica meanwhile)", created.size(),
                    created, missing.size() - created.size());
        }
    }
}
