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
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
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
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                LOG.infof("Created %d Kafka topics: %s", missing.size(), missing.stream().map(NewTopic::name).toList());
            }
        }
    }
}
