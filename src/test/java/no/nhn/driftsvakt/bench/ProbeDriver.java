package no.nhn.driftsvakt.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * For benchmarks (issue 8): drives Prometheus blackbox_exporter at a fixed probe rate, the way Prometheus would
 * scrape it: {@code GET /probe?module=http_2xx&target=http://127.0.0.1:18080/health/<n>}, cycling over
 * {@code targets} targets, over a pool of keep-alive connections (one blocking thread each). Counts probes that
 * blackbox reports as {@code probe_success 1}.
 *
 * <p>Arguments: blackbox base URL, target URL prefix, targets, probes per second, seconds, connections, output file
 * (one line of key=value results).
 */
public final class ProbeDriver {

    private ProbeDriver() {
    }

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        String prefix = args[1];
        int targets = Integer.parseInt(args[2]);
        int rate = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        int connections = Integer.parseInt(args[5]);
        Path out = Path.of(args[6]);

        BlockingQueue<String> queue = new ArrayBlockingQueue<>(Math.max(64, rate));
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<Long> millis = Collections.synchronizedList(new ArrayList<>());
        Thread[] workers = new Thread[connections];
        for (int i = 0; i < connections; i++) {
            workers[i] = new Thread(() -> work(base, queue, ok, failed, millis), "probe-driver-" + i);
            workers[i].setDaemon(true);
            workers[i].start();
        }
        long start = System.nanoTime();
        long total = (long) rate * seconds;
        long late = 0;
        for (long k = 0; k < total; k++) {
            long due = start + k * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else if (wait < -100_000_000L) {
                late++;
            }
            queue.put("/probe?module=http_2xx&target=" + prefix + (k % targets));
        }
        for (int i = 0; i < connections; i++) {
            queue.put("");
        }
        for (Thread w : workers) {
            w.join(30_000);
        }
        double wall = (System.nanoTime() - start) / 1e9;
        List<Long> m = new ArrayList<>(millis);
        Collections.sort(m);
        String result = String.format("probes=%d ok=%d failed=%d seconds=%.1f rate=%.1f late=%d p50=%d p99=%d%n",
                total, ok.get(), failed.get(), wall, (ok.get() + failed.get()) / wall, late, pct(m, 50), pct(m, 99));
        Files.writeString(out, result);
        System.out.print(result);
        System.exit(0);
    }

    private static void work(URI base, BlockingQueue<String> queue, AtomicLong ok, AtomicLong failed,
                             List<Long> millis) {
        Socket socket = null;
        InputStream in = null;
        try {
            while (true) {
                String path = queue.take();
                if (path.isEmpty()) {
                    break;
                }
                long t0 = System.nanoTime();
                String body = null;
                for (int attempt = 0; attempt < 2 && body == null; attempt++) {
                    try {
                        if (socket == null) {
                            socket = new Socket();
                            socket.setTcpNoDelay(true);
                            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()));
                            in = new BufferedInputStream(socket.getInputStream(), 16384);
                        }
                        body = get(socket, in, base, path);
                    } catch (IOException e) {
                        try {
                            if (socket != null) {
                                socket.close();
                            }
                        } catch (IOException ignored) {
                            // closing anyway
                        }
                        socket = null;
                    }
                }
                millis.add((System.nanoTime() - t0) / 1_000_000);
                if (body != null && body.contains("\nprobe_success 1")) {
                    ok.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String get(Socket s, InputStream in, URI base, String path) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String status = line(in);
        if (status == null || !status.startsWith("HTTP/1.1 ")) {
            throw new IOException("bad status line: " + status);
        }
        int length = 0;
        boolean chunked = false;
        for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
            String lower = h.toLowerCase();
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(h.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        StringBuilder body = new StringBuilder();
        if (chunked) {
            for (int n = Integer.parseInt(line(in).trim(), 16); n > 0; n = Integer.parseInt(line(in).trim(), 16)) {
                body.append(new String(in.readNBytes(n), StandardCharsets.UTF_8));
                line(in);
            }
            line(in);
        } else {
            body.append(new String(in.readNBytes(length), StandardCharsets.UTF_8));
        }
        return body.toString();
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder(64);
        for (int c = in.read(); c >= 0; c = in.read()) {
            if (c == '\n') {
                int n = b.length();
                return n > 0 && b.charAt(n - 1) == '\r' ? b.substring(0, n - 1) : b.toString();
            }
            b.append((char) c);
        }
        return b.length() == 0 ? null : b.toString();
    }

    private static long pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
