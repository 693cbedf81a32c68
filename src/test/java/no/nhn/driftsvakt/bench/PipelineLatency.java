package no.nhn.driftsvakt.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * For benchmarks: drives signals at a fixed rate through a running service (REST intake → Kafka → incident
 * engine → PostgreSQL → correlator → outbox → {@code driftsvakt.problems}) and measures, for every incident the
 * signals open, the time from the signal's timestamp (set just before its POST) to the first event on
 * {@code driftsvakt.incidents} for it, and to the first event on {@code driftsvakt.problems} that lists it.
 *
 * <p>Workload on the benchmark catalog (sites, 9 hubs per site, 10 services per hub): in round r (one second)
 * hub group r mod G fails (the hub and its services go down) and group r-10 recovers; every component gets one
 * signal per round with its current state, so most signals repeat a known failure, as in a real storm, and
 * every opened incident has a related one to form a problem with.
 *
 * <p>Arguments: base URL, Kafka bootstrap servers, catalog size, signals per second, seconds to run, seconds of
 * warm-up not counted, output file (one line of key=value results).
 */
public final class PipelineLatency {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PipelineLatency() {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String bootstrap = args[1];
        int components = Integer.parseInt(args[2]);
        int rate = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        int warmup = Integer.parseInt(args[5]);
        Path out = Path.of(args[6]);

        List<String> ids = new ArrayList<>();
        List<Integer> groupOf = new ArrayList<>();
        catalog(components, ids, groupOf);
        int groups = groupOf.stream().mapToInt(Integer::intValue).max().orElse(0) + 1;

        Map<String, Instant> openedAt = new ConcurrentHashMap<>();
        Map<String, Long> incidentSeen = new ConcurrentHashMap<>();
        Map<String, Long> problemSeen = new ConcurrentHashMap<>();
        appendTimes(bootstrap);
        Watcher watcher = new Watcher(bootstrap, openedAt, incidentSeen, problemSeen);
        watcher.start();
        watcher.ready.acquire();

        PlainHttp http = new PlainHttp(base, "Bearer bench-ingest", Integer.getInteger("connections", 128), 4096);
        AtomicLong accepted = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        List<Long> httpMillis = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        long total = (long) rate * seconds;
        long late = 0;
        for (long k = 0; k < total; k++) {
            long due = start + k * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else if (wait < -50_000_000L) {
                late++;
            }
            int c = (int) (k % components);
            long round = k / components;
            int g = groupOf.get(c);
            boolean down = g >= 0 && inOutage(round, g, groups);
            String body = "{\"id\":\"lat-" + start + "-" + k + "\",\"source\":\"bench\",\"component\":\"" + ids.get(c)
                    + "\",\"state\":\"" + (down ? "down" : "up") + "\",\"at\":\"" + Instant.now() + "\"}";
            long sentAt = System.nanoTime();
            boolean counted = k >= (long) rate * warmup;
            http.post("/api/v1/signals", body, status -> {
                if (counted) {
                    httpMillis.add((System.nanoTime() - sentAt) / 1_000_000);
                }
                if (status == 202) {
                    accepted.incrementAndGet();
                } else {
                    refused.incrementAndGet();
                }
            });
        }
        double sent = (System.nanoTime() - start) / 1e9;
        http.close();
        Thread.sleep(5_000); // let the last problems arrive
        watcher.running = false;
        watcher.join();

        Instant countFrom = Instant.ofEpochMilli(System.currentTimeMillis() - (long) (sent * 1000) - 5_000
                + warmup * 1000L);
        List<Long> toIncident = new ArrayList<>();
        List<Long> toProblem = new ArrayList<>();
        List<Long> toAppended = new ArrayList<>();
        int missing = 0;
        for (Map.Entry<String, Instant> e : openedAt.entrySet()) {
            if (e.getValue().isBefore(countFrom)) {
                continue;
            }
            long opened = e.getValue().toEpochMilli();
            Long i = incidentSeen.get(e.getKey());
            Long p = problemSeen.get(e.getKey());
            if (i != null) {
                toIncident.add(i - opened);
            }
            if (p != null) {
                toProblem.add(p - opened);
                Long a = watcher.problemAppended.get(e.getKey());
                if (a != null) {
                    toAppended.add(a - opened);
                }
            } else {
                missing++;
            }
        }
        // The slowest incidents with the time their signal was sent, to look up what the service was doing then.
        List<String> slowest = new ArrayList<>();
        openedAt.entrySet().stream().filter(e -> !e.getValue().isBefore(countFrom) && problemSeen.containsKey(e.getKey()))
                .sorted(Comparator.comparingLong((Map.Entry<String, Instant> e) -> e.getValue().toEpochMilli()
                        - problemSeen.get(e.getKey())))
                .limit(20).forEach(e -> slowest.add(String.format("%s %s incident=%d ms problem=%d ms", e.getValue(),
                        e.getKey(), incidentSeen.getOrDefault(e.getKey(), -1L) - e.getValue().toEpochMilli(),
                        problemSeen.get(e.getKey()) - e.getValue().toEpochMilli())));
        Files.write(out.resolveSibling("slowest.txt"), slowest);
        // Every counted incident (sent at; ms to its incident event, to its problem event, and to the broker's
        // append of that event; -1 when not seen), to set the tail against run.sh's CPU samples.
        List<String> all = new ArrayList<>();
        all.add("sent_ms,incident_ms,problem_ms,problem_appended_ms");
        openedAt.entrySet().stream().filter(e -> !e.getValue().isBefore(countFrom))
                .sorted(Map.Entry.comparingByValue()).forEach(e -> {
                    long at = e.getValue().toEpochMilli();
                    Long i = incidentSeen.get(e.getKey());
                    Long p = problemSeen.get(e.getKey());
                    Long ps = watcher.problemAppended.get(e.getKey());
                    all.add(at + "," + (i == null ? -1 : i - at) + "," + (p == null ? -1 : p - at) + ","
                            + (ps == null ? -1 : ps - at));
                });
        Files.write(out.resolveSibling("latencies.csv"), all);
        List<Long> http202 = new ArrayList<>(httpMillis);
        Collections.sort(http202);
        Collections.sort(toIncident);
        Collections.sort(toProblem);
        Collections.sort(toAppended);
        String result = String.format("sent=%d seconds=%.1f rate=%.0f accepted=%d refused=%d late=%d "
                        + "http_p50=%d http_p99=%d incidents=%d in_problem=%d not_in_problem=%d incident_p50=%d incident_p99=%d "
                        + "problem_p50=%d problem_p90=%d problem_p99=%d problem_max=%d "
                        + "appended=%d appended_p50=%d appended_p90=%d appended_p99=%d appended_max=%d%n",
                total, sent, total / sent, accepted.get(), refused.get(), late, pct(http202, 50), pct(http202, 99),
                toIncident.size(), toProblem.size(),
                missing, pct(toIncident, 50), pct(toIncident, 99), pct(toProblem, 50), pct(toProblem, 90),
                pct(toProblem, 99), toProblem.isEmpty() ? -1 : toProblem.get(toProblem.size() - 1),
                toAppended.size(), pct(toAppended, 50), pct(toAppended, 90), pct(toAppended, 99),
                toAppended.isEmpty() ? -1 : toAppended.get(toAppended.size() - 1));
        Files.writeString(out, result);
        System.out.print(result);
        System.exit(0);
    }

    /**
     * Switches {@code driftsvakt.problems} to LogAppendTime, so each problem event's timestamp is when the broker
     * appended it. For the bench's own throwaway broker only: the setting stays after the run.
     */
    private static void appendTimes(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, "driftsvakt.problems"),
                    List.of(new AlterConfigOp(new ConfigEntry("message.timestamp.type", "LogAppendTime"),
                            AlterConfigOp.OpType.SET)))).all().get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    /** A hub group is down for ten rounds from the round it is its turn. */
    static boolean inOutage(long round, int group, int groups) {
        for (int i = 0; i < 10; i++) {
            if (round - i >= 0 && (round - i) % groups == group) {
                return true;
            }
        }
        return false;
    }

    private static long pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    /** Same ids as bench/ingest/catalog.py; group -1 for sites (never failed here). */
    private static void catalog(int n, List<String> ids, List<Integer> groupOf) {
        int sites = Math.max(1, n / 100);
        for (int s = 0; s < sites && ids.size() < n; s++) {
            ids.add("site-" + s);
            groupOf.add(-1);
            for (int h = 0; h < 9; h++) {
                ids.add("hub-" + s + "-" + h);
                groupOf.add(s * 9 + h);
                for (int v = 0; v < 10 && ids.size() < n; v++) {
                    ids.add("svc-" + s + "-" + h + "-" + v);
                    groupOf.add(s * 9 + h);
                }
            }
        }
    }

    /** Reads incidents and problems from the end of both topics and notes when each incident first shows up. */
    static final class Watcher extends Thread {
        final Semaphore ready = new Semaphore(0);
        volatile boolean running = true;
        private final KafkaConsumer<String, String> consumer;
        private final Map<String, Instant> openedAt;
        private final Map<String, Long> incidentSeen;
        private final Map<String, Long> problemSeen;
        /**
         * When the broker appended the first problem event listing an incident: the moment it is on the topic, without
         * this watcher's own delays (the topic is switched to LogAppendTime, {@link #appendTimes}).
         */
        final Map<String, Long> problemAppended = new ConcurrentHashMap<>();
        private final String bootstrap;

        Watcher(String bootstrap, Map<String, Instant> openedAt, Map<String, Long> incidentSeen,
                Map<String, Long> problemSeen) {
            super("watcher");
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "5");
            consumer = new KafkaConsumer<>(p);
            this.bootstrap = bootstrap;
            this.openedAt = openedAt;
            this.incidentSeen = incidentSeen;
            this.problemSeen = problemSeen;
        }

        @Override
        public void run() {
            List<TopicPartition> parts = new ArrayList<>();
            for (String topic : List.of("driftsvakt.incidents", "driftsvakt.problems")) {
                consumer.partitionsFor(topic).forEach(i -> parts.add(new TopicPartition(topic, i.partition())));
            }
            consumer.assign(parts);
            consumer.seekToEnd(parts);
            parts.forEach(consumer::position);
            ready.release();
            while (running) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(20))) {
                    long now = System.currentTimeMillis();
                    try {
                        JsonNode event = JSON.readTree(r.value());
                        if (r.topic().equals("driftsvakt.incidents")) {
                            JsonNode i = event.path("incident");
                            String id = i.path("id").asText();
                            if (i.path("version").asInt() == 1) {
                                JsonNode at = i.path("openedAt");
                                openedAt.put(id, at.isNumber() ? Instant.ofEpochMilli((long) (at.asDouble() * 1000))
                                        : Instant.parse(at.asText()));
                            }
                            incidentSeen.putIfAbsent(id, now);
                        } else {
                            for (JsonNode id : event.path("problem").path("incidentIds")) {
                                problemSeen.putIfAbsent(id.asText(), now);
                                if (r.timestampType() == TimestampType.LOG_APPEND_TIME) {
                                    problemAppended.putIfAbsent(id.asText(), r.timestamp());
                                }
                            }
                        }
                    } catch (Exception e) {
                        System.err.println("unreadable event: " + e);
                    }
                }
            }
            consumer.close();
        }
    }
}
