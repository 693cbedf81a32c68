package no.nhn.driftsvakt.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/**
 * For benchmarks (issue 8): one deterministic alert stream, replayed at a fixed rate in fixed batches into
 * Prometheus Alertmanager ({@code POST /api/v2/alerts}, its notifications recorded by a webhook receiver here) or into
 * Driftsvakt ({@code POST /api/v1/alertmanager}, its incidents and problems read from Kafka). Measures the time
 * from an alert's first send to the first grouped notification that carries it, and how many notifications each
 * produced for the same outages.
 *
 * <p>The stream, on the benchmark catalog of {@code bench/ingest/catalog.py} (sites; 9 hubs per site with labels
 * {@code site} and {@code provider}; 10 services per hub): in ticks of the scenario, outages start and end —
 * a single service (a blip, every tick, 2–6 ticks), a hub with its services (every 2nd tick, 8–20 ticks), a whole
 * site (every 10th tick, 30 ticks) and one provider's hubs in every site with their services (every 40th tick, 20
 * ticks). Every tick, like Prometheus, sends
 * a firing alert for each component that went down, a resolved alert for each that came back, and repeats each
 * alert still firing every {@code RESEND} ticks. Alert labels: alertname, component, site, provider (hubs and
 * services); annotation {@code episode} identifies an outage episode of one component (annotations do not change
 * an alert's identity).
 *
 * <p>Usage: {@code summary components alerts} | {@code am baseUrl receiverPort components alerts rate batch quiet out}
 * | {@code dv baseUrl bootstrap components alerts rate batch quiet out}. Writes one line of key=value results.
 */
public final class GroupingBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final int RESEND = 1;
    /** New outages start until this share of the target is sent; then the running ones end. */
    static final double STOP_AT = 0.85;

    private GroupingBench() {
    }

    record Comp(String id, int site, int hub) {
        String provider() {
            return hub < 0 ? null : "p" + (hub % 3);
        }
    }

    record Outage(String kind, int start, int end, List<Integer> comps) {
    }

    /** One outage episode of one component; {@code multi}: started by an outage of more than one component. */
    record Episode(int comp, int startTick, boolean multi) {
    }

    record Alert(int comp, boolean firing, int episode) {
    }

    record Stream(List<Comp> comps, List<Outage> outages, List<Episode> episodes, List<Alert> alerts, int ticks,
                  int firing, int resolved, int repeats) {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "summary" -> {
                Stream s = stream(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
                System.out.println(describe(s));
            }
            case "am" -> runAlertmanager(args);
            case "dv" -> runDriftsvakt(args);
            default -> throw new IllegalArgumentException(args[0]);
        }
        System.exit(0);
    }

    static String describe(Stream s) {
        Map<String, Integer> kinds = new java.util.TreeMap<>();
        s.outages().forEach(o -> kinds.merge(o.kind(), 1, Integer::sum));
        long multi = s.episodes().stream().filter(Episode::multi).count();
        return String.format("stream_alerts=%d stream_ticks=%d stream_firing=%d stream_resolved=%d stream_repeats=%d "
                        + "outages=%d outages_site=%d outages_provider=%d outages_hub=%d outages_blip=%d episodes=%d "
                        + "episodes_multi=%d",
                s.alerts().size(), s.ticks(), s.firing(), s.resolved(), s.repeats(), s.outages().size(),
                kinds.getOrDefault("site", 0), kinds.getOrDefault("provider", 0), kinds.getOrDefault("hub", 0),
                kinds.getOrDefault("blip", 0), s.episodes().size(), multi);
    }

    /** The deterministic stream: outages start until about {@code target} alerts are sent; then all recover. */
    static Stream stream(int n, int target) {
        List<Comp> comps = catalog(n);
        int sites = comps.stream().mapToInt(Comp::site).max().orElse(0) + 1;
        Random rnd = new Random(8);
        List<Outage> outages = new ArrayList<>();
        List<Episode> episodes = new ArrayList<>();
        List<Alert> alerts = new ArrayList<>();
        int[] episodeOf = new int[comps.size()];
        java.util.Arrays.fill(episodeOf, -1);
        int firing = 0;
        int resolved = 0;
        int repeats = 0;
        int tick = 0;
        for (; tick < 100_000; tick++) {
            List<Outage> started = new ArrayList<>();
            boolean starting = alerts.size() < target * STOP_AT;
            if (starting) {
                List<Integer> services = indexes(comps, c -> c.hub() >= 0 && !c.id().startsWith("hub-"));
                started.add(new Outage("blip", tick, tick + 2 + rnd.nextInt(5),
                        List.of(services.get(rnd.nextInt(services.size())))));
                if (tick % 2 == 0) {
                    int s = rnd.nextInt(sites);
                    int h = rnd.nextInt(9);
                    started.add(new Outage("hub", tick, tick + 8 + rnd.nextInt(13),
                            indexes(comps, c -> c.site() == s && c.hub() == h)));
                }
                if (tick % 10 == 5) {
                    int s = rnd.nextInt(sites);
                    started.add(new Outage("site", tick, tick + 30, indexes(comps, c -> c.site() == s)));
                }
                if (tick % 40 == 20) {
                    int p = rnd.nextInt(3);
                    started.add(new Outage("provider", tick, tick + 20,
                            indexes(comps, c -> c.hub() >= 0 && c.hub() % 3 == p)));
                }
            }
            outages.addAll(started);
            BitSet down = new BitSet(comps.size());
            int[] cause = new int[comps.size()];
            for (Outage o : outages) {
                if (o.start() <= tick && tick < o.end()) {
                    for (int c : o.comps()) {
                        down.set(c);
                        cause[c] = Math.max(cause[c], o.comps().size());
                    }
                }
            }
            List<Alert> repeat = new ArrayList<>();
            for (int c = 0; c < comps.size(); c++) {
                boolean was = episodeOf[c] >= 0;
                if (down.get(c) && !was) {
                    episodeOf[c] = episodes.size();
                    episodes.add(new Episode(c, tick, cause[c] > 1));
                    alerts.add(new Alert(c, true, episodeOf[c]));
                    firing++;
                } else if (!down.get(c) && was) {
                    alerts.add(new Alert(c, false, episodeOf[c]));
                    episodeOf[c] = -1;
                    resolved++;
                } else if (was && (tick + c) % RESEND == 0 && episodes.get(episodeOf[c]).startTick() < tick) {
                    repeat.add(new Alert(c, true, episodeOf[c]));
                    repeats++;
                }
            }
            alerts.addAll(repeat);
            if (down.isEmpty() && !starting) {
                break;
            }
        }
        return new Stream(comps, outages, episodes, alerts, tick, firing, resolved, repeats);
    }

    private static List<Integer> indexes(List<Comp> comps, java.util.function.Predicate<Comp> p) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < comps.size(); i++) {
            if (p.test(comps.get(i))) {
                out.add(i);
            }
        }
        return out;
    }

    /** Same ids as bench/ingest/catalog.py. */
    static List<Comp> catalog(int n) {
        List<Comp> out = new ArrayList<>();
        int sites = Math.max(1, n / 100);
        for (int s = 0; s < sites && out.size() < n; s++) {
            out.add(new Comp("site-" + s, s, -1));
            for (int h = 0; h < 9; h++) {
                out.add(new Comp("hub-" + s + "-" + h, s, h));
                for (int v = 0; v < 10 && out.size() < n; v++) {
                    out.add(new Comp("svc-" + s + "-" + h + "-" + v, s, h));
                }
            }
        }
        return out;
    }

    // ---- replay ----------------------------------------------------------------------------------------------

    interface Renderer {
        String render(List<Alert> batch, Stream s, long[] firstSent, long now);
    }

    /** Sends the stream in batches at {@code rate} alerts/s; returns key=value facts about the send. */
    static String replay(Stream s, String base, String path, String auth, int rate, int batch, Renderer r,
                         long[] firstSent) throws Exception {
        PlainHttp http = new PlainHttp(base, auth, 8, 1024);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<Long> httpMillis = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        int late = 0;
        int batches = (s.alerts().size() + batch - 1) / batch;
        for (int j = 0; j < batches; j++) {
            long due = start + (long) j * batch * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else if (wait < -50_000_000L) {
                late++;
            }
            List<Alert> b = s.alerts().subList(j * batch, Math.min(s.alerts().size(), (j + 1) * batch));
            String body = r.render(b, s, firstSent, System.currentTimeMillis());
            long sentAt = System.nanoTime();
            http.post(path, body, status -> {
                httpMillis.add((System.nanoTime() - sentAt) / 1_000_000);
                if (status >= 200 && status < 300) {
                    ok.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                    if (failed.get() < 5) {
                        System.err.println("status " + status);
                    }
                }
            });
        }
        http.close();
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Long> h = new ArrayList<>(httpMillis);
        Collections.sort(h);
        return String.format("sent=%d batches=%d seconds=%.1f rate=%.0f posts_ok=%d posts_failed=%d late=%d "
                        + "post_p50=%d post_p99=%d", s.alerts().size(), batches, seconds, s.alerts().size() / seconds,
                ok.get(), failed.get(), late, pct(h, 50), pct(h, 99));
    }

    private static void alertJson(StringBuilder b, Alert a, Stream s, long[] firstSent, long now, boolean webhook) {
        Comp c = s.comps().get(a.comp());
        if (firstSent[a.episode()] == 0) {
            firstSent[a.episode()] = now;
        }
        long starts = firstSent[a.episode()];
        long ends = a.firing() ? now + 300_000 : Math.max(now, starts + 1);
        b.append('{');
        if (webhook) {
            b.append("\"status\":\"").append(a.firing() ? "firing" : "resolved").append("\",");
        }
        b.append("\"labels\":{\"alertname\":\"ComponentDown\",\"component\":\"").append(c.id())
                .append("\",\"site\":\"s").append(c.site()).append('"');
        if (c.provider() != null) {
            b.append(",\"provider\":\"").append(c.provider()).append('"');
        }
        b.append("},\"annotations\":{\"summary\":\"").append(c.id()).append(" is down\",\"episode\":\"")
                .append(a.episode()).append("\"},\"startsAt\":\"").append(Instant.ofEpochMilli(starts))
                .append("\",\"endsAt\":\"").append(a.firing() && webhook ? "0001-01-01T00:00:00Z"
                        : Instant.ofEpochMilli(ends).toString()).append("\"}");
    }

    /** Alertmanager's own API: a JSON array of postable alerts. */
    static String renderV2(List<Alert> batch, Stream s, long[] firstSent, long now) {
        StringBuilder b = new StringBuilder(batch.size() * 220).append('[');
        for (int i = 0; i < batch.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            alertJson(b, batch.get(i), s, firstSent, now, false);
        }
        return b.append(']').toString();
    }

    /** What Alertmanager would post to a webhook (version 4), which Driftsvakt takes at /api/v1/alertmanager. */
    static String renderWebhook(List<Alert> batch, Stream s, long[] firstSent, long now) {
        StringBuilder b = new StringBuilder(batch.size() * 240 + 200)
                .append("{\"version\":\"4\",\"groupKey\":\"bench\",\"status\":\"firing\",\"receiver\":\"driftsvakt\",")
                .append("\"groupLabels\":{},\"commonLabels\":{},\"commonAnnotations\":{},\"externalURL\":\"\",\"alerts\":[");
        for (int i = 0; i < batch.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            alertJson(b, batch.get(i), s, firstSent, now, true);
        }
        return b.append("]}").toString();
    }

    // ---- Alertmanager ----------------------------------------------------------------------------------------

    static void runAlertmanager(String[] a) throws Exception {
        String base = a[1];
        int port = Integer.parseInt(a[2]);
        Stream s = stream(Integer.parseInt(a[3]), Integer.parseInt(a[4]));
        int rate = Integer.parseInt(a[5]);
        int batch = Integer.parseInt(a[6]);
        int quiet = Integer.parseInt(a[7]);
        Path out = Path.of(a[8]);

        Map<String, Long> notified = new ConcurrentHashMap<>();
        AtomicLong hooks = new AtomicLong();
        AtomicLong firingHooks = new AtomicLong();
        AtomicLong resolvedHooks = new AtomicLong();
        AtomicLong alertsInHooks = new AtomicLong();
        AtomicLong lastHook = new AtomicLong(System.currentTimeMillis());
        Set<String> groups = ConcurrentHashMap.newKeySet();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/hook", ex -> {
            long now = System.currentTimeMillis();
            try (InputStream in = ex.getRequestBody()) {
                JsonNode p = JSON.readTree(in);
                hooks.incrementAndGet();
                groups.add(p.path("groupKey").asText());
                if ("firing".equals(p.path("status").asText())) {
                    firingHooks.incrementAndGet();
                } else {
                    resolvedHooks.incrementAndGet();
                }
                for (JsonNode al : p.path("alerts")) {
                    alertsInHooks.incrementAndGet();
                    if ("firing".equals(al.path("status").asText())) {
                        notified.putIfAbsent(al.path("labels").path("component").asText() + "#"
                                + al.path("annotations").path("episode").asText(), now);
                    }
                }
            } catch (IOException e) {
                System.err.println("unreadable webhook: " + e);
            }
            lastHook.set(System.currentTimeMillis());
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.start();

        long[] firstSent = new long[s.episodes().size()];
        String sent = replay(s, base, "/api/v2/alerts", "Bearer none", rate, batch, GroupingBench::renderV2,
                firstSent);
        awaitQuiet(lastHook, quiet);
        server.stop(0);

        List<Long> multi = new ArrayList<>();
        List<Long> all = new ArrayList<>();
        int missing = 0;
        for (int e = 0; e < s.episodes().size(); e++) {
            Episode ep = s.episodes().get(e);
            Long at = notified.get(s.comps().get(ep.comp()).id() + "#" + e);
            if (at == null) {
                missing++;
                continue;
            }
            all.add(at - firstSent[e]);
            if (ep.multi()) {
                multi.add(at - firstSent[e]);
            }
        }
        Collections.sort(multi);
        Collections.sort(all);
        String result = describe(s) + " " + sent + String.format(
                " notifications=%d notifications_firing=%d notifications_resolved=%d alerts_in_notifications=%d "
                        + "groups=%d episodes_not_notified=%d lat_multi_p50=%d lat_multi_p90=%d lat_multi_p99=%d "
                        + "lat_multi_max=%d lat_all_p50=%d lat_all_p99=%d lat_n=%d%n",
                hooks.get(), firingHooks.get(), resolvedHooks.get(), alertsInHooks.get(), groups.size(), missing,
                pct(multi, 50), pct(multi, 90), pct(multi, 99), max(multi), pct(all, 50), pct(all, 99), multi.size());
        Files.writeString(out, result);
        System.out.print(result);
    }

    private static void awaitQuiet(AtomicLong last, int quietSeconds) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 180_000;
        while (System.currentTimeMillis() - last.get() < quietSeconds * 1000L && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
    }

    // ---- Driftsvakt ------------------------------------------------------------------------------------------

    static void runDriftsvakt(String[] a) throws Exception {
        String base = a[1];
        String bootstrap = a[2];
        Stream s = stream(Integer.parseInt(a[3]), Integer.parseInt(a[4]));
        int rate = Integer.parseInt(a[5]);
        int batch = Integer.parseInt(a[6]);
        int quiet = Integer.parseInt(a[7]);
        Path out = Path.of(a[8]);

        Watcher w = new Watcher(bootstrap);
        w.start();
        w.ready.acquire();
        long[] firstSent = new long[s.episodes().size()];
        String sent = replay(s, base, "/api/v1/alertmanager", "Bearer bench-ingest", rate, batch,
                GroupingBench::renderWebhook, firstSent);
        awaitQuiet(w.last, quiet);
        w.running = false;
        w.join();

        Map<String, Integer> episodeAt = new HashMap<>();
        for (int e = 0; e < s.episodes().size(); e++) {
            episodeAt.put(s.comps().get(s.episodes().get(e).comp()).id() + "@" + firstSent[e], e);
        }
        List<Long> multi = new ArrayList<>();
        int multiMissing = 0;
        int unmatched = 0;
        for (Map.Entry<String, String> i : w.incidentKey.entrySet()) {
            Integer e = episodeAt.get(i.getValue());
            if (e == null) {
                unmatched++;
                continue;
            }
            if (!s.episodes().get(e).multi()) {
                continue;
            }
            Long p = w.problemSeen.get(i.getKey());
            if (p == null) {
                multiMissing++;
            } else {
                multi.add(p - firstSent[e]);
            }
        }
        Collections.sort(multi);
        Set<String> lone = new HashSet<>(w.incidentKey.keySet());
        lone.removeAll(w.problemSeen.keySet());
        int problems = w.problems.size();
        String result = describe(s) + " " + sent + String.format(
                " incidents=%d incident_events=%d problems=%d recurring_problems=%d problem_events=%d problems_merged=%d "
                        + "problems_resolved=%d "
                        + "lone_incidents=%d subjects=%d incidents_unmatched=%d multi_not_in_problem=%d "
                        + "lat_multi_p50=%d lat_multi_p90=%d lat_multi_p99=%d lat_multi_max=%d lat_n=%d%n",
                w.incidentKey.size(), w.incidentEvents.get(), problems, w.recurring.size(), w.problemEvents.get(),
                w.merged.size(),
                w.resolved.size(), lone.size(), problems + lone.size(), unmatched, multiMissing,
                pct(multi, 50), pct(multi, 90), pct(multi, 99), max(multi), multi.size());
        Files.writeString(out, result);
        System.out.print(result);
    }

    /** Reads driftsvakt.incidents and driftsvakt.problems from their ends. */
    static final class Watcher extends Thread {
        final Semaphore ready = new Semaphore(0);
        volatile boolean running = true;
        final AtomicLong last = new AtomicLong(System.currentTimeMillis());
        final AtomicLong incidentEvents = new AtomicLong();
        final AtomicLong problemEvents = new AtomicLong();
        /** incident id → component@openedAt millis, from its first version. */
        final Map<String, String> incidentKey = new ConcurrentHashMap<>();
        final Map<String, Long> problemSeen = new ConcurrentHashMap<>();
        /** Problems that are notification subjects: every kind but RECURRING (see NotifyStore). */
        final Set<String> problems = ConcurrentHashMap.newKeySet();
        final Set<String> recurring = ConcurrentHashMap.newKeySet();
        final Set<String> merged = ConcurrentHashMap.newKeySet();
        final Set<String> resolved = ConcurrentHashMap.newKeySet();
        private final KafkaConsumer<String, String> consumer;

        Watcher(String bootstrap) {
            super("watcher");
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "5");
            consumer = new KafkaConsumer<>(p);
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
                    last.set(now);
                    try {
                        JsonNode event = JSON.readTree(r.value());
                        if (r.topic().equals("driftsvakt.incidents")) {
                            incidentEvents.incrementAndGet();
                            JsonNode i = event.path("incident");
                            if (i.path("version").asInt() == 1) {
                                JsonNode at = i.path("openedAt");
                                long ms = at.isNumber() ? Math.round(at.asDouble() * 1000)
                                        : Instant.parse(at.asText()).toEpochMilli();
                                incidentKey.put(i.path("id").asText(), i.path("componentId").asText() + "@" + ms);
                            }
                        } else {
                            problemEvents.incrementAndGet();
                            JsonNode p = event.path("problem");
                            String id = p.path("id").asText();
                            if ("RECURRING".equals(p.path("kind").asText())) {
                                recurring.add(id); // problem management, never a notification subject
                                continue;
                            }
                            problems.add(id);
                            if (!p.path("mergedInto").isNull() && !p.path("mergedInto").isMissingNode()) {
                                merged.add(id);
                            }
                            if ("RESOLVED".equalsIgnoreCase(p.path("state").asText())) {
                                resolved.add(id);
                            }
                            for (JsonNode id2 : p.path("incidentIds")) {
                                problemSeen.putIfAbsent(id2.asText(), now);
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

    private static long pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static long max(List<Long> sorted) {
        return sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1);
    }
}
