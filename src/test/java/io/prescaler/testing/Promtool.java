package io.prescaler.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code promtool}, the Prometheus project's own checker: of exposition text ({@code check metrics}), of rules files
 * ({@code check rules}) and of their unit tests ({@code test rules}). CI installs it (Debian package prometheus); on
 * a developer machine without it the check is skipped, in CI it fails.
 */
public final class Promtool {

    private Promtool() {}

    public static void checkMetrics(String exposition) throws IOException, InterruptedException {
        run(exposition, "check", "metrics");
    }

    /** {@code promtool check rules FILE}: syntax, PromQL and templates of every rule. */
    public static void checkRules(Path rulesFile) throws IOException, InterruptedException {
        run("", "check", "rules", rulesFile.toString());
    }

    /** {@code promtool test rules FILE}: the unit tests, which name their rules files relative to themselves. */
    public static void testRules(Path testFile) throws IOException, InterruptedException {
        run("", "test", "rules", testFile.toString());
    }

    private static void run(String input, String... arguments) throws IOException, InterruptedException {
        boolean present = System.getenv("PATH") != null
                && Arrays.stream(System.getenv("PATH").split(File.pathSeparator))
                        .anyMatch(dir -> Files.isExecutable(Path.of(dir, "promtool")));
        if (!present) {
            if (System.getenv("CI") != null) {
                fail("promtool is not installed; .ci/run installs it (apt-get install prometheus)");
            }
            assumeTrue(false, "promtool is not installed (apt-get install prometheus)");
        }
        List<String> command = new ArrayList<>(List.of("promtool"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("promtool did not finish in 30 s");
        }
        assertEquals(0, process.exitValue(), String.join(" ", command) + ":\n" + output);
    }
}
