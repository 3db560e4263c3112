package io.prescaler.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * {@code promtool check metrics}, the Prometheus project's own linter of exposition text. CI installs it
 * (Debian package prometheus); on a developer machine without it the check is skipped, in CI it fails.
 */
public final class Promtool {

    private Promtool() {}

    public static void checkMetrics(String exposition) throws IOException, InterruptedException {
        boolean present = System.getenv("PATH") != null
                && java.util.Arrays.stream(System.getenv("PATH").split(java.io.File.pathSeparator))
                        .anyMatch(dir -> Files.isExecutable(Path.of(dir, "promtool")));
        if (!present) {
            if (System.getenv("CI") != null) {
                fail("promtool is not installed; .ci/run installs it (apt-get install prometheus)");
            }
            assumeTrue(false, "promtool is not installed (apt-get install prometheus)");
        }
        Process process = new ProcessBuilder("promtool", "check", "metrics")
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().write(exposition.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("promtool did not finish in 30 s");
        }
        assertEquals(0, process.exitValue(), "promtool check metrics:\n" + output);
    }
}
