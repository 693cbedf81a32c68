package no.nhn.driftsvakt.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import no.nhn.driftsvakt.catalog.Catalog;
import no.nhn.driftsvakt.catalog.CatalogException;
import no.nhn.driftsvakt.catalog.CatalogParser;
import no.nhn.driftsvakt.platform.Topic;
import no.nhn.driftsvakt.platform.Topics;

/**
 * The Kubernetes manifests under {@code k8s/} keep the invariants production depends on: a hardened, probed,
 * spread Deployment with its secrets referenced (never inlined), an internal Ingress, the catalog mounted where the
 * configuration points, PDB, HPA, NetworkPolicy and ServiceMonitor on the app's labels, and one Strimzi KafkaTopic
 * for every topic in {@link Topics#ALL} with its partitions, replication 3, min.insync.replicas 2 and compaction.
 * Plain YAML parsing; nothing is applied to a cluster.
 */
class ManifestsTest {

    private static final Path K8S = Path.of("k8s");
    private static final Path BASE = K8S.resolve("base");
    private static final String NAMESPACE = "driftsvakt";

    /** Every YAML document under k8s/, with the file it came from. */
    private static List<Doc> docs;
    private static Map<String, String> appLabels;

    record Doc(Path file, Map<String, Object> body) {
        String kind() {
            return str(body.get("kind"));
        }

        String name() {
            return str(map(body.get("metadata")).get("name"));
        }

        Map<String, Object> spec() {
            return map(body.get("spec"));
        }

        boolean inBase() {
            return file.startsWith(BASE);
        }

        @Override
        public String toString() {
            return kind() + " " + name() + " (" + file + ")";
        }
    }

    @BeforeAll
    static void load() throws IOException {
        assertTrue(Files.isDirectory(BASE), "run from the project directory: " + BASE.toAbsolutePath() + " is missing");
        List<Doc> all = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(K8S)) {
            files = s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        }
        for (Path f : files) {
            Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
            for (Object o : yaml.loadAll(Files.readString(f, StandardCharsets.UTF_8))) {
                if (o == null) {
                    continue;
                }
                Map<String, Object> body = map(o);
                assertNotNull(body.get("kind"), f + ": a document without kind");
                all.add(new Doc(f, body));
            }
        }
        docs = all;
        appLabels = labels(map(map(deployment().spec().get("template")).get("metadata")));
        assertFalse(appLabels.isEmpty(), "the Deployment's pods carry no labels");
    }

    // --- kustomization: what `kubectl apply -k k8s/base` applies ---

    @Test
    void kustomizationListsEveryFileInBaseAndNothingElse() throws IOException {
        Doc k = only(base("Kustomization"));
        Set<String> listed = new TreeSet<>(strings(k.body().get("resources")));
        Set<String> present;
        try (Stream<Path> s = Files.list(BASE)) {
            present = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml") || n.endsWith(".yml"))
                    .filter(n -> !n.equals("kustomization.yaml")).collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(present, listed, "k8s/base/kustomization.yaml resources must list exactly the files in k8s/base");
        assertEquals(NAMESPACE, k.body().get("namespace"));
    }

    @Test
    void everyNamespacedResourceInBaseIsInTheDriftsvaktNamespace() {
        for (Doc d : docs) {
            if (!d.inBase() || Set.of("Kustomization", "Namespace").contains(d.kind())) {
                continue;
            }
            assertEquals(NAMESPACE, map(d.body().get("metadata")).get("namespace"), d + ": metadata.namespace");
        }
        assertEquals(NAMESPACE, only(base("Namespace")).name());
    }

    @Test
    void secretValuesAreNeverPartOfWhatIsApplied() {
        assertEquals(List.of(), base("Secret"), "Secrets belong in the secret store, not in k8s/base");
    }

    // --- Deployment ---

    @Test
    void deploymentRunsThreeReplicasSpreadAcrossNodes() {
        Map<String, Object> spec = deployment().spec();
        assertEquals(3, spec.get("replicas"));
        assertTrue(selects(map(map(spec.get("selector")).get("matchLabels")), appLabels), "selector selects the pods");
        Map<String, Object> pod = podSpec();
        List<Map<String, Object>> spread = maps(pod.get("topologySpreadConstraints"));
        assertTrue(spread.stream().anyMatch(c -> "kubernetes.io/hostname".equals(c.get("topologyKey"))
                && "DoNotSchedule".equals(c.get("whenUnsatisfiable"))
                && selects(map(map(c.get("labelSelector")).get("matchLabels")), appLabels)),
                "replicas must be spread across nodes (hard topology spread on kubernetes.io/hostname)");
        Map<String, Object> rolling = map(map(spec.get("strategy")).get("rollingUpdate"));
        assertEquals(0, rolling.get("maxUnavailable"), "a rollout never goes below the replica count");
    }

    @Test
    void deploymentProbesHealthEndpoints() {
        Map<String, Object> c = container();
        assertEquals("/q/health/group/serving", map(map(c.get("readinessProbe")).get("httpGet")).get("path"),
                "readiness without Kafka and PostgreSQL, so driftsweb stays reachable in a shared outage");
        assertEquals("/q/health/live", map(map(c.get("livenessProbe")).get("httpGet")).get("path"));
        for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
            Object port = map(map(c.get(probe)).get("httpGet")).get("port");
            assertTrue(containerPorts().containsKey(str(port)) || containerPorts().containsValue(port),
                    probe + " probes port " + port + ", which the container does not declare");
        }
        assertEquals(8080, containerPorts().get("http"));
    }

    @Test
    void deploymentHasResourceRequestsAndLimitsAndSizesTheHeapFromThem() {
        Map<String, Object> resources = map(container().get("resources"));
        for (String kind : List.of("requests", "limits")) {
            Map<String, Object> r = map(resources.get(kind));
            assertNotNull(r.get("cpu"), "resources." + kind + ".cpu");
            assertNotNull(r.get("memory"), "resources." + kind + ".memory");
        }
        String javaOpts = envValue("JAVA_OPTS").orElseThrow(() -> new AssertionError("JAVA_OPTS is not set"));
        assertTrue(javaOpts.contains("-XX:MaxRAMPercentage="), "heap must follow the memory limit: " + javaOpts);
    }

    @Test
    void deploymentRunsAsNonRootOnAReadOnlyRootFilesystemWithTmpWritable() {
        Map<String, Object> podSecurity = map(podSpec().get("securityContext"));
        Map<String, Object> security = map(container().get("securityContext"));
        assertTrue(Boolean.TRUE.equals(security.get("runAsNonRoot")) || Boolean.TRUE.equals(podSecurity.get("runAsNonRoot")),
                "runAsNonRoot");
        assertEquals(Boolean.TRUE, security.get("readOnlyRootFilesystem"), "readOnlyRootFilesystem");
        assertEquals(Boolean.FALSE, security.get("allowPrivilegeEscalation"), "allowPrivilegeEscalation");
        assertEquals(List.of("ALL"), strings(map(security.get("capabilities")).get("drop")), "capabilities.drop");
        String tmpVolume = mountAt("/tmp").orElseThrow(() -> new AssertionError("no volume mounted at /tmp"));
        assertTrue(volume(tmpVolume).containsKey("emptyDir"), "/tmp must be an emptyDir");
        assertEquals(Boolean.FALSE, podSpec().get("automountServiceAccountToken"), "no API token in the pods");
    }

    @Test
    void catalogConfigMapIsMountedWhereTheConfigurationPointsAndIsAValidCatalog() {
        String path = setting("DRIFTSVAKT_CATALOG_PATH")
                .orElseThrow(() -> new AssertionError("DRIFTSVAKT_CATALOG_PATH (driftsvakt.catalog.path) is not set"));
        Path file = Path.of(path);
        String dir = file.getParent().toString();
        Map<String, Object> mount = maps(container().get("volumeMounts")).stream()
                .filter(m -> dir.equals(m.get("mountPath"))).findFirst()
                .orElseThrow(() -> new AssertionError("nothing is mounted at " + dir + " (from " + path + ")"));
        assertFalse(mount.containsKey("subPath"), "a subPath mount never sees ConfigMap updates: mount the directory");
        String configMap = str(map(volume(str(mount.get("name"))).get("configMap")).get("name"));
        Doc cm = only(base("ConfigMap").stream().filter(d -> d.name().equals(configMap)).toList());
        String text = str(map(cm.body().get("data")).get(file.getFileName().toString()));
        assertNotNull(text, "ConfigMap " + configMap + " has no key " + file.getFileName());
        try {
            Catalog catalog = CatalogParser.parse(cm.file() + " (catalog.yaml)", text, key -> Optional.empty());
            assertFalse(catalog.components().isEmpty(), "the catalog has no components");
        } catch (CatalogException e) {
            fail("the catalog in ConfigMap " + configMap + " is invalid:\n" + e.getMessage());
        }
    }

    @Test
    void secretsOfTwilioSmtpDatabaseOidcAndTheServiceAreReferencedNotInlined() {
        Map<String, String> expected = new java.util.LinkedHashMap<>();
        expected.put("QUARKUS_DATASOURCE_USERNAME", "database");
        expected.put("QUARKUS_DATASOURCE_PASSWORD", "database");
        expected.put("DRIFTSVAKT_TWILIO_ACCOUNT_SID", "Twilio");
        expected.put("DRIFTSVAKT_TWILIO_AUTH_TOKEN", "Twilio");
        expected.put("QUARKUS_MAILER_USERNAME", "SMTP");
        expected.put("QUARKUS_MAILER_PASSWORD", "SMTP");
        expected.put("DRIFTSVAKT_OIDC_CLIENT_SECRET", "OIDC");
        expected.put("QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY", "console sessions");
        expected.put("DRIFTSVAKT_SECURITY_ADMIN_TOKEN_SHA256", "admin tokens");
        expected.put("DRIFTSVAKT_INGEST_TOKEN_SHA256", "ingest tokens");
        Map<String, Map<String, Object>> refs = secretRefs();
        expected.forEach((env, what) -> assertTrue(refs.containsKey(env),
                env + " (" + what + ") must come from a Secret (secretKeyRef)"));

        // The example Secrets hold every Secret and key the Deployment reads.
        Map<String, Set<String>> examples = new HashMap<>();
        for (Doc d : docs) {
            if (d.kind().equals("Secret")) {
                examples.computeIfAbsent(d.name(), n -> new TreeSet<>()).addAll(map(d.body().get("stringData")).keySet());
            }
        }
        refs.forEach((env, ref) -> assertTrue(examples.getOrDefault(str(ref.get("name")), Set.of()).contains(str(ref.get("key"))),
                env + " reads Secret " + ref.get("name") + " key " + ref.get("key")
                        + ", which k8s/examples/secrets.example.yaml does not show"));

        // Nothing secret as a literal value, neither in the Deployment nor in a ConfigMap it reads.
        for (Map<String, Object> e : maps(container().get("env"))) {
            if (e.containsKey("value")) {
                assertFalse(looksSecret(str(e.get("name"))), e.get("name") + " is set inline; use a secretKeyRef");
            }
        }
        for (String name : envConfigMaps()) {
            Doc cm = only(base("ConfigMap").stream().filter(d -> d.name().equals(name)).toList());
            for (String key : map(cm.body().get("data")).keySet()) {
                assertFalse(looksSecret(key), "ConfigMap " + name + " holds " + key + "; it belongs in a Secret");
            }
        }
    }

    @Test
    void serviceSelectsThePodsOnTheirHttpPort() {
        Doc svc = only(base("Service"));
        assertTrue(selects(map(svc.spec().get("selector")), appLabels), "Service selector");
        Map<String, Object> port = only(maps(svc.spec().get("ports")));
        assertEquals("http", port.get("name"));
        assertTrue(containerPorts().containsKey(str(port.get("targetPort"))), "targetPort names a container port");
    }

    // --- Ingress, PDB, HPA, NetworkPolicy, ServiceMonitor ---

    @Test
    void ingressesAreInternalWithAnAddressAllowList() {
        List<Doc> ingresses = base("Ingress");
        assertFalse(ingresses.isEmpty(), "no Ingress");
        String service = only(base("Service")).name();
        boolean servesRoot = false;
        for (Doc ing : ingresses) {
            assertTrue(str(ing.spec().get("ingressClassName")).contains("internal"),
                    ing + ": ingressClassName must be the internal controller's");
            Map<String, Object> annotations = map(map(ing.body().get("metadata")).get("annotations"));
            String allow = str(annotations.get("nginx.ingress.kubernetes.io/whitelist-source-range"));
            assertNotNull(allow, ing + ": no address allow-list");
            for (String cidr : allow.split(",")) {
                assertTrue(cidr.trim().matches("\\d{1,3}(\\.\\d{1,3}){3}/\\d{1,2}"), ing + ": '" + cidr + "' is not a CIDR");
            }
            assertFalse(maps(ing.spec().get("tls")).isEmpty(), ing + ": no TLS");
            for (Map<String, Object> rule : maps(ing.spec().get("rules"))) {
                for (Map<String, Object> p : maps(map(rule.get("http")).get("paths"))) {
                    assertEquals(service, map(map(p.get("backend")).get("service")).get("name"), ing + ": backend");
                    servesRoot |= "/".equals(p.get("path"));
                    if (str(p.get("path")).startsWith("/q")) {
                        assertEquals("127.0.0.1/32", allow, ing + ": /q must be closed to every client");
                    }
                }
            }
        }
        assertTrue(servesRoot, "no Ingress serves /");
    }

    @Test
    void disruptionBudgetKeepsAllButOneReplica() {
        Doc pdb = only(base("PodDisruptionBudget"));
        assertTrue(selects(map(map(pdb.spec().get("selector")).get("matchLabels")), appLabels), "PDB selector");
        assertEquals(1, pdb.spec().get("maxUnavailable"));
    }

    @Test
    void autoscalerScalesTheDeploymentFromItsReplicaCount() {
        Doc hpa = only(base("HorizontalPodAutoscaler"));
        Map<String, Object> target = map(hpa.spec().get("scaleTargetRef"));
        assertEquals("Deployment", target.get("kind"));
        assertEquals(deployment().name(), target.get("name"));
        int min = (Integer) hpa.spec().get("minReplicas");
        assertTrue(min >= 3, "minReplicas " + min + " < 3");
        assertEquals(deployment().spec().get("replicas"), min, "Deployment replicas = HPA minimum");
        assertTrue((Integer) hpa.spec().get("maxReplicas") >= min);
        int maxPartitions = Topics.ALL.stream().mapToInt(Topic::partitions).max().orElseThrow();
        assertTrue((Integer) hpa.spec().get("maxReplicas") <= maxPartitions,
                "replicas beyond the largest partition count (" + maxPartitions + ") get no work");
    }

    @Test
    void networkPolicyAdmitsTrafficToTheAppOnItsHttpPortOnly() {
        Doc np = only(base("NetworkPolicy"));
        assertTrue(selects(map(map(np.spec().get("podSelector")).get("matchLabels")), appLabels),
                "podSelector must select the app's pods (an empty one selects every pod)");
        assertTrue(strings(np.spec().get("policyTypes")).contains("Ingress"));
        for (Map<String, Object> rule : maps(np.spec().get("ingress"))) {
            List<Map<String, Object>> ports = maps(rule.get("ports"));
            assertFalse(ports.isEmpty(), "an ingress rule without ports admits every port");
            for (Map<String, Object> p : ports) {
                assertTrue(containerPorts().containsKey(str(p.get("port"))), "port " + p.get("port"));
            }
        }
    }

    @Test
    void serviceMonitorScrapesMetricsFromTheService() {
        Doc sm = only(base("ServiceMonitor"));
        Doc svc = only(base("Service"));
        Map<String, String> svcLabels = labels(map(svc.body().get("metadata")));
        assertTrue(selects(map(map(sm.spec().get("selector")).get("matchLabels")), svcLabels),
                "ServiceMonitor selector must match the Service's labels");
        Map<String, Object> endpoint = only(maps(sm.spec().get("endpoints")));
        assertEquals("/q/metrics", endpoint.get("path"));
        assertEquals(map(only(maps(svc.spec().get("ports")))).get("name"), endpoint.get("port"));
    }

    // --- Kafka ---

    @Test
    void kafkaClusterHasThreeBrokersAndDurableDefaults() {
        Doc kafka = only(base("Kafka"));
        int brokers = 0;
        for (Doc pool : base("KafkaNodePool")) {
            assertEquals(kafka.name(), labels(map(pool.body().get("metadata"))).get("strimzi.io/cluster"), pool + ": cluster");
            if (strings(pool.spec().get("roles")).contains("broker")) {
                brokers += (Integer) pool.spec().get("replicas");
            }
        }
        assertEquals(3, brokers, "brokers in node pools");
        Map<String, Object> config = map(map(kafka.spec().get("kafka")).get("config"));
        assertEquals("2", str(config.get("min.insync.replicas")));
        assertEquals("3", str(config.get("default.replication.factor")));
        assertEquals("false", str(config.get("auto.create.topics.enable")), "topics come from KafkaTopic resources only");
        assertNotNull(map(kafka.spec().get("entityOperator")).get("topicOperator"), "the Topic Operator must run");

        String bootstrap = setting("KAFKA_BOOTSTRAP_SERVERS").orElseThrow(() -> new AssertionError("KAFKA_BOOTSTRAP_SERVERS"));
        assertTrue(bootstrap.startsWith(kafka.name() + "-kafka-bootstrap"), "KAFKA_BOOTSTRAP_SERVERS " + bootstrap
                + " is not the bootstrap Service of Kafka " + kafka.name());
        assertEquals(Optional.of("false"), setting("DRIFTSVAKT_KAFKA_CREATE_TOPICS"),
                "the KafkaTopic resources own the topics; the service must not create them");
    }

    @Test
    void everyTopicInCodeHasAMatchingKafkaTopic() {
        String cluster = only(base("Kafka")).name();
        Map<String, Doc> byTopic = kafkaTopics();
        for (Topic t : Topics.ALL) {
            Doc kt = byTopic.get(t.name());
            assertNotNull(kt, "no KafkaTopic for " + t.name() + " (platform/Topics.java); add it to k8s/base/kafka-topics.yaml");
            assertEquals(cluster, labels(map(kt.body().get("metadata"))).get("strimzi.io/cluster"), kt + ": cluster label");
            assertEquals(t.partitions(), kt.spec().get("partitions"), kt + ": partitions");
            assertEquals(3, kt.spec().get("replicas"), kt + ": replicas");
            Map<String, Object> config = map(kt.spec().get("config"));
            assertEquals("2", str(config.get("min.insync.replicas")), kt + ": min.insync.replicas");
            Set<String> policy = Set.of(Optional.ofNullable(str(config.get("cleanup.policy"))).orElse("delete").split(","));
            assertEquals(t.compacted(), policy.contains("compact"), kt + ": compaction (Topic.compacted() = "
                    + t.compacted() + ", cleanup.policy = " + policy + ")");
            if (!t.compacted()) {
                assertNotNull(config.get("retention.ms"), kt + ": time-retained topics state their retention.ms");
            }
        }
    }

    @Test
    void noKafkaTopicForATopicTheCodeDoesNotKnow() {
        Set<String> known = Topics.ALL.stream().map(Topic::name).collect(Collectors.toSet());
        Set<String> unknown = new TreeSet<>(kafkaTopics().keySet());
        unknown.removeAll(known);
        assertEquals(Set.of(), unknown, "KafkaTopics without a topic in platform/Topics.java");
        assertEquals(Topics.ALL.size(), docs.stream().filter(d -> d.kind().equals("KafkaTopic")).count(),
                "one KafkaTopic per topic");
    }

    // --- helpers ---

    private static Map<String, Doc> kafkaTopics() {
        Map<String, Doc> byTopic = new HashMap<>();
        for (Doc d : docs) {
            if (d.kind().equals("KafkaTopic")) {
                String topic = Optional.ofNullable(str(d.spec().get("topicName"))).orElse(d.name());
                assertEquals(null, byTopic.put(topic, d), "two KafkaTopics for " + topic);
            }
        }
        return byTopic;
    }

    private static boolean looksSecret(String name) {
        return name.matches(".*(PASSWORD|SECRET|TOKEN|ENCRYPTION_KEY|AUTH|SHA256).*") && !name.equals("JAVA_OPTS");
    }

    /** A setting from the container's env or from a ConfigMap it reads with envFrom. */
    private static Optional<String> setting(String name) {
        Optional<String> direct = envValue(name);
        if (direct.isPresent()) {
            return direct;
        }
        for (String cmName : envConfigMaps()) {
            for (Doc cm : base("ConfigMap")) {
                if (cm.name().equals(cmName) && map(cm.body().get("data")).containsKey(name)) {
                    return Optional.of(str(map(cm.body().get("data")).get(name)));
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> envValue(String name) {
        return maps(container().get("env")).stream().filter(e -> name.equals(e.get("name")) && e.containsKey("value"))
                .map(e -> str(e.get("value"))).findFirst();
    }

    private static List<String> envConfigMaps() {
        return maps(container().get("envFrom")).stream().filter(e -> e.containsKey("configMapRef"))
                .map(e -> str(map(e.get("configMapRef")).get("name"))).toList();
    }

    private static Map<String, Map<String, Object>> secretRefs() {
        Map<String, Map<String, Object>> refs = new HashMap<>();
        for (Map<String, Object> e : maps(container().get("env"))) {
            Map<String, Object> ref = map(map(e.get("valueFrom")).get("secretKeyRef"));
            if (!ref.isEmpty()) {
                refs.put(str(e.get("name")), ref);
            }
        }
        return refs;
    }

    private static Doc deployment() {
        return only(base("Deployment"));
    }

    private static Map<String, Object> podSpec() {
        return map(map(deployment().spec().get("template")).get("spec"));
    }

    private static Map<String, Object> container() {
        return only(maps(podSpec().get("containers")));
    }

    private static Map<String, Object> containerPorts() {
        Map<String, Object> ports = new HashMap<>();
        for (Map<String, Object> p : maps(container().get("ports"))) {
            ports.put(str(p.get("name")), p.get("containerPort"));
        }
        return ports;
    }

    private static Optional<String> mountAt(String path) {
        return maps(container().get("volumeMounts")).stream().filter(m -> path.equals(m.get("mountPath")))
                .map(m -> str(m.get("name"))).findFirst();
    }

    private static Map<String, Object> volume(String name) {
        return maps(podSpec().get("volumes")).stream().filter(v -> name.equals(v.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }

    private static List<Doc> base(String kind) {
        return docs.stream().filter(d -> d.inBase() && d.kind().equals(kind)).toList();
    }

    private static Map<String, String> labels(Map<String, Object> metadata) {
        Map<String, String> labels = new HashMap<>();
        map(metadata.get("labels")).forEach((k, v) -> labels.put(k, str(v)));
        return labels;
    }

    /** A selector selects the labels when every one of its pairs is among them (and it is not empty). */
    private static boolean selects(Map<String, ?> selector, Map<String, String> labels) {
        return !selector.isEmpty() && selector.entrySet().stream().allMatch(e -> str(e.getValue()).equals(labels.get(e.getKey())));
    }

    private static <T> T only(List<T> list) {
        assertEquals(1, list.size(), "expected exactly one, found " + list);
        return list.get(0);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o == null ? Map.of() : (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(Object o) {
        return o == null ? List.of() : (List<Map<String, Object>>) o;
    }

    @SuppressWarnings("unchecked")
    static List<String> strings(Object o) {
        return o == null ? List.of() : ((List<Object>) o).stream().map(ManifestsTest::str).toList();
    }

    static String str(Object o) {
        return o == null ? null : String.valueOf(o);
    }
}
