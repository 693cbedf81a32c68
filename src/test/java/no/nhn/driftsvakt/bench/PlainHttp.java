package no.nhn.driftsvakt.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.IntConsumer;

/**
 * For benchmarks: a minimal HTTP/1.1 client that POSTs JSON over a fixed number of persistent connections, one
 * blocking thread each. The JDK's HttpClient costs the load generator more CPU than the service it measures on
 * a 2-core machine; this costs a few microseconds per request, so the service gets the cores.
 */
final class PlainHttp implements AutoCloseable {

    /** One POST to send; {@code done} gets the status code, or -1 on an I/O error. */
    record Post(String path, String body, IntConsumer done) {
    }

    private static final Post STOP = new Post(null, null, s -> { });

    private final BlockingQueue<Post> queue;
    private final Thread[] workers;

    PlainHttp(String baseUrl, String authorization, int connections, int queueSize) {
        URI base = URI.create(baseUrl);
        queue = new ArrayBlockingQueue<>(queueSize);
        workers = new Thread[connections];
        for (int i = 0; i < connections; i++) {
            workers[i] = new Thread(() -> work(base, authorization), "plain-http-" + i);
            workers[i].setDaemon(true);
            workers[i].start();
        }
    }

    /** Queues a POST; blocks when the queue is full (all connections busy and the queue full). */
    void post(String path, String body, IntConsumer done) throws InterruptedException {
        queue.put(new Post(path, body, done));
    }

    private void work(URI base, String authorization) {
        Socket socket = null;
        InputStream in = null;
        try {
            while (true) {
                Post p = queue.take();
                if (p == STOP) {
                    break;
                }
                int status = -1;
                for (int attempt = 0; attempt < 2 && status < 0; attempt++) {
                    try {
                        if (socket == null) {
                            socket = new Socket();
                            socket.setTcpNoDelay(true);
                            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()));
                            in = new BufferedInputStream(socket.getInputStream(), 8192);
                        }
                        status = exchange(socket, in, base, authorization, p);
                    } catch (IOException e) {
                        close(socket);
                        socket = null;
                    }
                }
                p.done().accept(status);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            close(socket);
        }
    }

    private static int exchange(Socket s, InputStream in, URI base, String authorization, Post p)
            throws IOException {
        byte[] body = p.body().getBytes(StandardCharsets.UTF_8);
        String head = "POST " + p.path() + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                + "\r\nContent-Type: application/json\r\nAuthorization: " + authorization
                + "\r\nContent-Length: " + body.length + "\r\n\r\n";
        OutputStream out = s.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        String status = line(in);
        if (status == null || !status.startsWith("HTTP/1.1 ")) {
            throw new IOException("bad status line: " + status);
        }
        int code = Integer.parseInt(status.substring(9, 12));
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
        if (chunked) {
            for (int n = Integer.parseInt(line(in).trim(), 16); n > 0; n = Integer.parseInt(line(in).trim(), 16)) {
                in.readNBytes(n);
                line(in);
            }
            line(in);
        } else {
            in.readNBytes(length);
        }
        return code;
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

    private static void close(Socket s) {
        try {
            if (s != null) {
                s.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (int i = 0; i < workers.length; i++) {
            queue.put(STOP);
        }
        for (Thread w : workers) {
            w.join(10_000);
        }
    }
}
