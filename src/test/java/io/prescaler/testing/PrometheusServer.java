package io.prescaler.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.Writer;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus server for tests, holding history written beforehand: the samples are written as an
 * OpenMetrics file, {@code promtool tsdb create-blocks-from openmetrics} turns them into TSDB blocks, and
 * {@code prometheus} serves them from a free loopback port until {@link #close()}.
 *
 * <p>Prometheus drops blocks older than its retention and keeps the newest data in its head: the history must be
 * recent (times relative to now, within the generous retention set here) and end a little before now. CI installs
 * both binaries (Debian package {@code prometheus}); without them the test is skipped, or fails under {@code CI}.
 */
public final class PrometheusServer implements AutoCloseable {

    private static final Duration READY_WITHIN = Duration.ofSeconds(60);

    private final Process process;
    private final int port;
    private final Path log;

    private PrometheusServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Samples of the series to backfill, written as one OpenMetrics file. */
    public static final class History {
        private final Map<String, List<String>> families = new TreeMap<>();

        /** One series: {@code values[i]} at epoch second {@code seconds[i]}. */
        public History series(String name, Map<String, String> labels, long[] seconds, double[] values) {
            StringBuilder selector = new StringBuilder(name).append('{');
            new TreeMap<>(labels).forEach((key, value) -> selector.append(key)
                    .append("=\"")
                    .append(value.replace("\\", "\\\\").replace("\"", "\\\""))
                    .append("\","));
            if (!labels.isEmpty()) {
                selector.setLength(selector.length() - 1);
            }
            selector.append('}');
            List<String> lines = families.computeIfAbsent(name, n -> new ArrayList<>());
            for (int i = 0; i < seconds.length; i++) {
                lines.add(selector + " " + values[i] + " " + seconds[i]);
            }
            return this;
        }

        void writeTo(Path file) throws IOException {
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (Map.Entry<String, List<String>> family : families.entrySet()) {
                    out.write("# TYPE " + family.getKey() + " gauge\n");
                    for (String line : family.getValue()) {
                        out.write(line);
                        out.write('\n');
                    }
                }
                out.write("# EOF\n");
            }
        }
    }

    /** Backfills {@code history} into {@code directory}/data and starts Prometheus on it. */
    public static PrometheusServer start(Path directory, History history) throws IOException, InterruptedException {
        requireBinaries();
        Path input = directory.resolve("history.om");
        history.writeTo(input);
        return startFrom(directory, List.of(input));
    }

    /**
     * Backfills OpenMetrics files written beforehand (for histories too large to hold in memory: each series'
     * samples in time order, each file ending with {@code # EOF}) and starts Prometheus on them; the files are
     * deleted. promtool reads a file once per 2-hour block it spans, so a long history backfills much faster as
     * one file per day than as one file.
     */
    public static PrometheusServer startFrom(Path directory, List<Path> inputs)
            throws IOException, InterruptedException {
        requireBinaries();
        Path data = directory.resolve("data");
        Files.createDirectories(data);
        for (Path input : inputs) {
            run(
                    List.of(
                            "promtool",
                            "tsdb",
                            "create-blocks-from",
                            "openmetrics",
                            "--quiet",
                            input.toString(),
                            data.toString()),
                    directory.resolve("promtool.log"));
            Files.delete(input);
        }
        return startOn(directory, data);
    }

    /** Starts Prometheus again on the data of a stopped server, on a new port. */
    public static PrometheusServer startOn(Path directory, Path data) throws IOException, InterruptedException {
        requireBinaries();
        Path config = directory.resolve("prometheus.yml");
        // No scrape job: the server only serves what was backfilled.
        Files.writeString(config, "global:\n  scrape_interval: 1m\n");
        int port = freePort();
        Path log = directory.resolve("prometheus-" + port + ".log");
        Process process = new ProcessBuilder(
                        "prometheus",
                        "--config.file=" + config,
                        "--storage.tsdb.path=" + data,
                        "--storage.tsdb.retention.time=3650d",
                        "--web.listen-address=127.0.0.1:" + port,
                        "--log.level=warn")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        PrometheusServer server = new PrometheusServer(process, port, log);
        server.awaitReady();
        return server;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    /** Stops the server (SIGTERM, then SIGKILL after 20 s); its data stay for {@link #startOn}. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("prometheus exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                HttpURLConnection connection =
                        (HttpURLConnection) url().resolve("/-/ready").toURL().openConnection();
                connection.setConnectTimeout(1000);
                connection.setReadTimeout(1000);
                if (connection.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        close();
        fail("prometheus was not ready within " + READY_WITHIN.toSeconds() + " s:\n" + Files.readString(log));
    }

    private static void run(List<String> command, Path output) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        if (!process.waitFor(30, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish in 30 minutes");
        }
        if (process.exitValue() != 0) {
            fail(String.join(" ", command) + " exited with " + process.exitValue() + ":\n" + Files.readString(output));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Skips the test without the binaries, except under CI, where they must be installed. */
    private static void requireBinaries() {
        boolean present = System.getenv("PATH") != null
                && Arrays.stream(System.getenv("PATH").split(File.pathSeparator))
                        .anyMatch(dir -> Files.isExecutable(Path.of(dir, "prometheus"))
                                && Files.isExecutable(Path.of(dir, "promtool")));
        if (!present) {
            if (System.getenv("CI") != null) {
                fail("prometheus and promtool are not installed; .ci/run installs them (apt-get install prometheus)");
            }
            assumeTrue(false, "prometheus and promtool are not installed (apt-get install prometheus)");
        }
    }
}
