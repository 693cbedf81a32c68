package no.nhn.driftsvakt.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A fake of Twilio's Messages API at the HTTP edge, for the real Twilio SDK: {@code POST .../Messages.json} records
 * the message (To, Body) and answers 201 with a SID; {@code GET .../Messages.json} lists them newest first, filtered
 * by {@code To} and {@code DateSent>} (a day; like Twilio, a message not yet sent has no date_sent). A switchable
 * fault mode, for creates and lists alike:
 * <ul>
 * <li>{@link Mode#OK};</li>
 * <li>{@link Mode#TOO_MANY_REQUESTS}: 429 with Twilio's error body (code 20429), and {@code Retry-After} if set;</li>
 * <li>{@link Mode#TIMEOUT_AFTER_ACCEPT}: records the message, then answers only after {@code hang} (after the
 * client gave up);</li>
 * <li>{@link Mode#TIMEOUT_BEFORE_ACCEPT}: records nothing, hangs for {@code hang}, then closes;</li>
 * <li>{@link Mode#TIMEOUTS_MIXED}: the two timeouts in turn.</li>
 * </ul>
 * Counts everything it did, so a test can tell how many messages each number got.
 */
public final class FakeTwilio implements AutoCloseable {

    public enum Mode { OK, TOO_MANY_REQUESTS, TIMEOUT_AFTER_ACCEPT, TIMEOUT_BEFORE_ACCEPT, TIMEOUTS_MIXED }

    /** One message Twilio took. */
    public record Recorded(String sid, String to, String body, Instant created) {
    }

    private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z",
            Locale.ENGLISH);

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final ConcurrentLinkedQueue<Recorded> messages = new ConcurrentLinkedQueue<>();
    private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.OK);
    private final AtomicLong sids = new AtomicLong();
    private final AtomicLong turn = new AtomicLong();
    private volatile Duration hang = Duration.ofSeconds(2);
    private volatile Integer retryAfterSeconds;

    public final AtomicLong creates = new AtomicLong();
    public final AtomicLong lists = new AtomicLong();
    public final AtomicLong answered429 = new AtomicLong();
    public final AtomicLong hungAfterAccept = new AtomicLong();
    public final AtomicLong hungBeforeAccept = new AtomicLong();

    private FakeTwilio(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 200);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /** @param port 0 for any free port */
    public static FakeTwilio start(int port) throws IOException {
        return new FakeTwilio(port);
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public FakeTwilio mode(Mode m) {
        mode.set(m);
        return this;
    }

    public Mode mode() {
        return mode.get();
    }

    /** How long a timeout mode holds a request: longer than the client's read timeout. */
    public FakeTwilio hang(Duration d) {
        hang = d;
        return this;
    }

    /** {@code Retry-After} on 429 answers (null: none, as Twilio usually does). */
    public FakeTwilio retryAfter(Integer seconds) {
        retryAfterSeconds = seconds;
        return this;
    }

    public List<Recorded> messages() {
        return List.copyOf(messages);
    }

    /** Messages per recipient number. */
    public Map<String, Integer> perRecipient() {
        Map<String, Integer> n = new HashMap<>();
        messages.forEach(m -> n.merge(m.to(), 1, Integer::sum));
        return n;
    }

    private void handle(HttpExchange x) throws IOException {
        try {
            String path = x.getRequestURI().getPath();
            if (!path.matches("/2010-04-01/Accounts/AC[0-9a-f]{32}/Messages\\.json")) {
                answer(x, 404, "{\"code\":20404,\"message\":\"The requested resource was not found\",\"status\":404}");
                return;
            }
            boolean create = x.getRequestMethod().equals("POST");
            Map<String, String> form = create
                    ? parse(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))
                    : parse(x.getRequestURI().getRawQuery());
            Mode m = mode.get();
            if (m == Mode.TIMEOUTS_MIXED) {
                m = turn.getAndIncrement() % 2 == 0 ? Mode.TIMEOUT_AFTER_ACCEPT : Mode.TIMEOUT_BEFORE_ACCEPT;
            }
            if (m == Mode.TOO_MANY_REQUESTS) {
                answered429.incrementAndGet();
                if (retryAfterSeconds != null) {
                    x.getResponseHeaders().set("Retry-After", String.valueOf(retryAfterSeconds));
                }
                answer(x, 429, "{\"code\":20429,\"message\":\"Too Many Requests\",\"more_info\":"
                        + "\"https://www.twilio.com/docs/errors/20429\",\"status\":429}");
                return;
            }
            if (m == Mode.TIMEOUT_BEFORE_ACCEPT) {
                hungBeforeAccept.incrementAndGet();
                sleep(hang);
                return; // closed without an answer, nothing recorded
            }
            String json;
            if (create) {
                creates.incrementAndGet();
                Recorded r = new Recorded(String.format("SM%032x", sids.incrementAndGet()), form.get("To"),
                        form.get("Body"), Instant.now());
                messages.add(r);
                json = json(r, x.getRequestURI().getPath());
            } else {
                lists.incrementAndGet();
                json = page(form, path);
            }
            if (m == Mode.TIMEOUT_AFTER_ACCEPT) {
                hungAfterAccept.incrementAndGet();
                sleep(hang); // the client has given up by now; the answer is lost
            }
            answer(x, create ? 201 : 200, json);
        } catch (IOException | RuntimeException e) {
            // the client went away (after a timeout): nothing to answer
        } finally {
            x.close();
        }
    }

    private String page(Map<String, String> q, String path) {
        String to = q.get("To");
        boolean sentFilter = q.containsKey("DateSent>") || q.containsKey("DateSent<") || q.containsKey("DateSent");
        List<Recorded> found = new ArrayList<>(messages.stream().filter(r -> to == null || to.equals(r.to()))
                .filter(r -> !sentFilter) // all are accepted, none sent yet: no date_sent to match
                .toList());
        found.sort(Comparator.comparing(Recorded::created).reversed());
        int size = Integer.parseInt(q.getOrDefault("PageSize", "50"));
        List<String> items = found.stream().limit(size).map(r -> json(r, path)).toList();
        return "{\"messages\":[" + String.join(",", items) + "],\"first_page_uri\":\"" + path + "?PageSize=" + size
                + "&Page=0\",\"next_page_uri\":null,\"previous_page_uri\":null,\"uri\":\"" + path + "?PageSize="
                + size + "&Page=0\",\"page\":0,\"page_size\":" + size + ",\"start\":0,\"end\":" + items.size() + "}";
    }

    private static String json(Recorded r, String path) {
        String account = path.split("/")[3];
        return "{\"sid\":\"" + r.sid() + "\",\"account_sid\":\"" + account + "\",\"to\":\"" + esc(r.to())
                + "\",\"body\":\"" + esc(r.body()) + "\",\"status\":\"accepted\",\"direction\":\"outbound-api\","
                + "\"num_segments\":\"1\",\"date_created\":\"" + RFC_2822.format(r.created().atZone(ZoneOffset.UTC))
                + "\",\"date_updated\":\"" + RFC_2822.format(r.created().atZone(ZoneOffset.UTC))
                + "\",\"date_sent\":null,\"uri\":\"" + path.replace(".json", "/" + r.sid() + ".json") + "\"}";
    }

    private static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    private static Map<String, String> parse(String encoded) {
        Map<String, String> out = new HashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return out;
        }
        for (String kv : encoded.split("&")) {
            String[] p = kv.split("=", 2);
            out.put(URLDecoder.decode(p[0], StandardCharsets.UTF_8),
                    p.length > 1 ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : "");
        }
        return out;
    }

    private static void answer(HttpExchange x, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(status, body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
