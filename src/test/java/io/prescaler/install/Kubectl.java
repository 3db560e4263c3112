package io.prescaler.install;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code kubectl kustomize} from the machine, the same command the README and CI use. */
final class Kubectl {

    private static final long TIMEOUT_SECONDS = 60;

    private Kubectl() {}

    /** The output of {@code kubectl kustomize DIR}; fails the test with kubectl's message when it does not render. */
    static String kustomize(Path directory) {
        List<String> command = List.of("kubectl", "kustomize", directory.toString());
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(false).start();
        } catch (IOException e) {
            return fail("kubectl is not on the PATH (" + e.getMessage() + "). The install tests render the"
                    + " kustomizations with `kubectl kustomize`: install kubectl >= 1.27 (kustomize v5),"
                    + " e.g. https://kubernetes.io/docs/tasks/tools/ ; .ci/run checks for it.");
        }
        try {
            process.getOutputStream().close();
            // Read both streams fully before waiting: a full pipe would block kubectl.
            byte[] out = process.getInputStream().readAllBytes();
            byte[] err = process.getErrorStream().readAllBytes();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return fail(String.join(" ", command) + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                return fail(String.join(" ", command) + " failed (exit " + process.exitValue() + "):\n"
                        + new String(err, StandardCharsets.UTF_8));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return fail(String.join(" ", command) + " could not be read: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while running " + String.join(" ", command));
        }
    }
}
