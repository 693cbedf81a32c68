package no.nhn.driftsvakt.packaging;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpServer;

/** Health endpoints outside the service under test: {@code /sim/{name}/health}, each switchable down. */
final class TargetServer implements AutoCloseable {

    private final HttpServer server;
    private final Set<String> down = ConcurrentHashMap.newKeySet();

    TargetServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/sim/", ex -> {
            String name = ex.getRequestURI().getPath().split("/")[2];
            boolean ok = !down.contains(name);
            byte[] body = ("{\"status\":\"" + (ok ? "ok" : "down") + "\"}").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(ok ? 200 : 503, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void down(String name) {
        down.add(name);
    }

    void up(String name) {
        down.remove(name);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
