package no.nhn.driftsvakt.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

import no.nhn.driftsvakt.embedded.EmbeddedKafka;

/** Topic creation at start-up, against a real broker. */
class KafkaTopicInitializerTest {

    @Test
    void aTopicAnotherReplicaCreatedMeanwhileDoesNotStopTheStart() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(1, null);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            // The other replica got there first, after this one listed the topics (its listing is empty)
            admin.createTopics(java.util.List.of(new NewTopic(Topics.INCIDENTS.name(), Topics.INCIDENTS.partitions(),
                    (short) 1))).all().get(30, TimeUnit.SECONDS);

            KafkaTopicInitializer.createMissing(admin, Set.of(), (short) 1);

            // Created topics show up in the broker's metadata shortly after
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> admin.listTopics()
                    .names().get(30, TimeUnit.SECONDS).containsAll(Topics.ALL.stream().map(Topic::name).toList()));
            assertEquals(Topics.SIGNALS.partitions(), admin.describeTopics(Set.of(Topics.SIGNALS.name())).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get(Topics.SIGNALS.name()).partitions().size());
        }
    }
}
