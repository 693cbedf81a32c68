package no.nhn.driftsvakt.packaging;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The production artifact run as its own process, configured only through the environment. */
final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    final int port;

    private ServiceProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    static ServiceProcess start(Map<String, String> env) throws IOException {
        int port = freePort();
        Path log = Files.createTempFile("driftsvakt-service", ".log");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", ProductionArtifactIT.APP.resolve("quarkus-run.jar").toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        pb.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        return new ServiceProcess(pb.start(), log, port);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int waitForExit(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("the service did not exit within " + seconds + " s");
        }
        return process.exitValue();
    }

    String output() throws IOException {
        return Files.readString(log);
    }

    /** Waits until it answers ready (fails at once if it exits, with its output). */
    void awaitReady() {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(90))
                .pollInterval(java.time.Duration.ofMillis(500)).until(() -> {
                    if (!isAlive()) {
                        throw new AssertionError("service exited:\n" + output());
                    }
                    try {
                        return io.restassured.RestAssured.given().baseUri(baseUrl()).get("/q/health/ready")
                                .statusCode() == 200;
                    } catch (Exception e) {
                        return false;
                    }
                });
    }

    /** Kills it without warning (SIGKILL), as a crash or an OOM kill would. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** Stops it as Kubernetes would: SIGTERM, then wait. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
