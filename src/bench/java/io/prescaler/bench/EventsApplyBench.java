package io.prescaler.bench;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.prescaler.events.EventsApplyConfig;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wall time of {@code events apply} as the CronJob runs it: a fresh JVM ({@code java -jar prescaler.jar events apply})
 * started as a child process, timed from launch to exit, against fabric8's mock API server in CRUD mode holding N
 * prescaled HPAs while an event is active. The first run patches every HPA; the second finds nothing to do.
 */
public final class EventsApplyBench implements BenchSuite {

    private static final Logger LOG = LoggerFactory.getLogger(EventsApplyBench.class);
    private static final String NAMESPACE = "prescaler";
    /** Inside the event below; passed as --now so that every run decides the same way whatever the date. */
    private static final String NOW = "2026-11-23T20:00:00Z";

    private static final String EVENTS =
            """
            - name: bench-night
              multiplier: 2
              start: 2026-11-23T19:00
              end: 2026-11-23T23:00
            """;
    private static final Pattern SUMMARY =
            Pattern.compile("(\\d+) HPAs scanned, (\\d+) patched, (\\d+) unchanged, (\\d+) failed");
    private static final Pattern RESOURCE_PATH =
            Pattern.compile("^/(?:api/v1|apis/[^/]+/[^/]+)(?:/namespaces/[^/]+)?/([^/?]+)(/[^/?]+)?");
    private static final com.sun.management.OperatingSystemMXBean SERVER_CPU =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final Duration CHILD_TIMEOUT = Duration.ofMinutes(10);

    private final List<Integer> sizes;
    private final Path jar;
    private final List<String> jvmOptions;

    /**
     * @param jar the Prescaler jar to run
     * @param jvmOptions options for the child JVM (the CronJob's JAVA_TOOL_OPTIONS by default)
     */
    public EventsApplyBench(List<Integer> sizes, Path jar, List<String> jvmOptions) {
        this.sizes = List.copyOf(sizes);
        this.jar = Objects.requireNonNull(jar, "jar");
        this.jvmOptions = List.copyOf(jvmOptions);
        if (sizes.isEmpty() || sizes.stream().anyMatch(n -> n < 1)) {
            throw new IllegalArgumentException("--events-sizes needs one or more HPA counts >= 1, got " + sizes);
        }
    }

    @Override
    public String name() {
        return "events";
    }

    @Override
    public String description() {
        return "wall time of events apply (a child JVM, start included) for N HPAs on fabric8's mock API server,"
                + " first run and idempotent second run, with the API requests each made";
    }

    @Override
    public BenchResult run() throws Exception {
        Path prescalerJar = locateJar();
        Path work = Files.createTempDirectory("prescaler-bench-events");
        try {
            List<List<String>> rows = new ArrayList<>();
            List<String> notes = new ArrayList<>();
            long startOnly = medianMillis(prescalerJar, work);
            rows.add(List.of("-", "JVM start only (--version, median of 3)", millis(startOnly), "-", "-", "-", "-"));
            for (int size : sizes) {
                measure(size, prescalerJar, work, rows, notes);
            }
            notes.add("Command: java " + String.join(" ", jvmOptions) + " -jar " + prescalerJar
                    + " events apply --configmap " + NAMESPACE + "/" + EventsApplyConfig.DEFAULT_CONFIGMAP
                    + " --kubeconfig <mock> --timezone UTC --now " + NOW + " (default --parallelism 8), output"
                    + " and its log (one INFO line per patched HPA) to files; JVM options as the CronJob sets them.");
            notes.add("One event (x2) active for every HPA: the first run patches each HPA's event annotations and"
                    + " records one Kubernetes Event per patch; the second reads and patches nothing.");
            notes.add("API requests: counted by the mock server during the child's run.");
            return new BenchResult(
                    name(),
                    "events apply wall time, JVM start included (fabric8 mock API server, CRUD mode)",
                    List.of(
                            "HPAs",
                            "run",
                            "wall time",
                            "CPU: events apply / mock API server",
                            "API requests",
                            "patched / unchanged / failed",
                            "exit"),
                    rows,
                    notes);
        } finally {
            delete(work);
        }
    }

    private void measure(int size, Path prescalerJar, Path work, List<List<String>> rows, List<String> notes)
            throws Exception {
        KubernetesMockServer api = CrudMockApi.start();
        try (KubernetesClient client = api.createClient()) {
            long seeding = System.nanoTime();
            client.configMaps()
                    .inNamespace(NAMESPACE)
                    .resource(new ConfigMapBuilder()
                            .withNewMetadata()
                            .withNamespace(NAMESPACE)
                            .withName(EventsApplyConfig.DEFAULT_CONFIGMAP)
                            .endMetadata()
                            .withData(Map.of(EventsApplyConfig.DEFAULT_KEY, EVENTS))
                            .build())
                    .create();
            ExporterBench.seed(client, size);
            notes.add(size + " HPAs seeded into the mock API server in "
                    + Duration.ofNanos(System.nanoTime() - seeding).toMillis() + " ms (not timed).");
            Path kubeconfig = work.resolve("kubeconfig-" + size);
            Files.writeString(kubeconfig, kubeconfig(api.getPort()), StandardCharsets.UTF_8);
            rows.add(apply(size, "first (patches every HPA)", prescalerJar, kubeconfig, work, api, size));
            rows.add(apply(size, "second (idempotent)", prescalerJar, kubeconfig, work, api, 0));
        } finally {
            api.destroy();
        }
    }

    private List<String> apply(
            int size, String run, Path prescalerJar, Path kubeconfig, Path work, KubernetesMockServer api, int patches)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(
                "events",
                "apply",
                "--configmap",
                NAMESPACE + "/" + EventsApplyConfig.DEFAULT_CONFIGMAP,
                "--kubeconfig",
                kubeconfig.toString(),
                "--timezone",
                "UTC",
                "--now",
                NOW));
        drain(api);
        int requestsBefore = api.getRequestCount();
        Child child = runChild(prescalerJar, command, work);
        int requests = api.getRequestCount() - requestsBefore;
        Map<String, Integer> kinds = drain(api);
        Matcher summary = SUMMARY.matcher(child.output());
        if (child.exit() != 0 || !summary.find()) {
            throw new IllegalStateException("events apply on " + size + " HPAs exited " + child.exit() + "; output: "
                    + child.output().strip() + "; log: " + child.log());
        }
        if (Integer.parseInt(summary.group(1)) != size || Integer.parseInt(summary.group(2)) != patches) {
            throw new IllegalStateException(
                    "expected " + size + " HPAs scanned and " + patches + " patched, got: " + summary.group());
        }
        LOG.info(
                "events bench: {} HPAs, {} run: {} ms, CPU {} ms (mock server {} ms), {} API requests",
                size,
                run,
                child.millis(),
                child.cpuMillis(),
                child.serverCpuMillis(),
                requests);
        return List.of(
                String.format("%,d", size),
                run,
                millis(child.millis()),
                millis(child.cpuMillis()) + " / " + millis(child.serverCpuMillis()),
                String.format("%,d", requests) + " (" + describe(kinds) + ")",
                summary.group(2) + " / " + summary.group(3) + " / " + summary.group(4),
                Integer.toString(child.exit()));
    }

    /** The requests recorded since the last call, counted by method and resource ("PATCH hpa"). */
    private static Map<String, Integer> drain(KubernetesMockServer api) throws InterruptedException {
        Map<String, Integer> kinds = new TreeMap<>();
        for (RecordedRequest request = api.takeRequest(0, TimeUnit.MILLISECONDS);
                request != null;
                request = api.takeRequest(0, TimeUnit.MILLISECONDS)) {
            kinds.merge(kind(request.getMethod(), request.getPath()), 1, Integer::sum);
        }
        return kinds;
    }

    static String kind(String method, String path) {
        Matcher matcher = RESOURCE_PATH.matcher(path);
        if (!matcher.find()) {
            return method + " " + path;
        }
        String resource = matcher.group(1).equals("horizontalpodautoscalers") ? "hpa" : matcher.group(1);
        boolean collection = matcher.group(2) == null;
        return method + " " + resource + (collection && method.equals("GET") ? " (list)" : "");
    }

    private static String describe(Map<String, Integer> kinds) {
        return kinds.entrySet().stream()
                .map(e -> String.format("%,d", e.getValue()) + " " + e.getKey())
                .collect(Collectors.joining(", "));
    }

    private long medianMillis(Path prescalerJar, Path work) throws Exception {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Child child = runChild(prescalerJar, List.of("--version"), work);
            if (child.exit() != 0) {
                throw new IllegalStateException(
                        "java -jar " + prescalerJar + " --version exited " + child.exit() + ": " + child.log());
            }
            times.add(child.millis());
        }
        times.sort(Comparator.naturalOrder());
        return times.get(1);
    }

    /**
     * What a child JVM printed and how long it ran, launch to exit.
     *
     * @param cpuMillis the child's CPU time, sampled every 50 ms until it exits (so slightly under)
     * @param serverCpuMillis this JVM's CPU time meanwhile: the mock API server answering the child
     */
    private record Child(int exit, long millis, long cpuMillis, long serverCpuMillis, String output, Path log) {}

    private Child runChild(Path prescalerJar, List<String> arguments, Path work) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(prescalerJar.toString());
        command.addAll(arguments);
        Path output = work.resolve("stdout.txt");
        Path log = work.resolve("stderr-" + System.nanoTime() + ".log");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectOutput(output.toFile()).redirectError(log.toFile());
        // Settings from this shell (PRESCALER_TIMEZONE, ...) would change what the child does; its log level stays.
        builder.environment().keySet().removeIf(k -> k.startsWith("PRESCALER_") && !k.equals("PRESCALER_LOG_LEVEL"));
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        long serverCpu = SERVER_CPU.getProcessCpuTime();
        long started = System.nanoTime();
        Process process = builder.start();
        long deadline = started + CHILD_TIMEOUT.toNanos();
        Duration childCpu = Duration.ZERO;
        while (!process.waitFor(50, TimeUnit.MILLISECONDS)) {
            childCpu = process.info().totalCpuDuration().orElse(childCpu);
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + CHILD_TIMEOUT);
            }
        }
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        long serverCpuMillis = (SERVER_CPU.getProcessCpuTime() - serverCpu) / 1_000_000;
        return new Child(
                process.exitValue(), millis, childCpu.toMillis(), serverCpuMillis, Files.readString(output), log);
    }

    /** The jar to run; it must exist. */
    Path locateJar() {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("the events suite runs `java -jar prescaler.jar events apply` in a"
                    + " child JVM and needs the jar, but " + jar + " does not exist: build it with"
                    + " `mvn -B package -DskipTests` (the bench profile does) or name it with --jar");
        }
        return jar;
    }

    static String kubeconfig(int port) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: mock
                    cluster:
                      server: http://127.0.0.1:%d
                users:
                  - name: bench
                    user:
                      token: bench
                contexts:
                  - name: mock
                    context:
                      cluster: mock
                      user: bench
                      namespace: default
                current-context: mock
                """
                .formatted(port);
    }

    private static String millis(long millis) {
        return String.format("%.1f s", millis / 1000.0);
    }

    private static void delete(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
