package io.prescaler.cli;

import io.prescaler.schedule.MetricEncoding;
import io.prescaler.webhook.AdmissionReviewer;
import io.prescaler.webhook.ManifestMutator;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "mutate",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Applies the webhook's logic offline: reads manifests (multi-document YAML) from files or stdin and"
                    + " prints them with the prescaling metric injected, fixed or removed in every autoscaling/v2"
                    + " HPA. Other documents pass through unchanged. HPAs inside a List (kubectl get -o yaml) are"
                    + " handled too.",
            "An HPA with no metrics first gets the API server's default (cpu, Utilization 80%), which the webhook"
                    + " would have seen, so that it keeps scaling on CPU; a note on stderr says so.",
            "A config.kubernetes.io/v1 ResourceList on stdin is answered with a ResourceList, so mutate runs as a"
                    + " kustomize KRM function.",
            "Exit status: 0 on success; 1 when an HPA has invalid annotations or a document is not YAML (each"
                    + " problem on stderr as FILE: document N: message, nothing on stdout); 2 on usage errors."
        })
final class MutateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Manifest files; none or - reads stdin.")
    List<String> files = new ArrayList<>();

    @Option(
            names = "--metric-mode",
            paramLabel = "MODE",
            defaultValue = "direct",
            description =
                    "Metric block to inject: direct or legacy, as the webhook's flag (default: ${DEFAULT-VALUE}).")
    MetricEncoding metricMode;

    @Mixin
    SharedOptions shared;

    InputStream stdin = System.in;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Clock clock = Clock.system(shared.zone());
        ManifestMutator mutator = new ManifestMutator(new AdmissionReviewer(shared.parser(), metricMode, clock));
        List<String> sources = files.isEmpty() ? List.of("-") : files;
        List<ManifestMutator.Result> results = new ArrayList<>();
        String stdinText = null;
        for (String source : sources) {
            boolean fromStdin = "-".equals(source);
            String text;
            if (fromStdin) {
                text = stdinText == null ? new String(stdin.readAllBytes(), StandardCharsets.UTF_8) : "";
                stdinText = text;
            } else {
                Path path = Path.of(source);
                if (!Files.isRegularFile(path)) {
                    throw new IllegalArgumentException(source + ": no such file");
                }
                text = Files.readString(path, StandardCharsets.UTF_8);
            }
            String name = fromStdin ? "<stdin>" : source;
            if (fromStdin && sources.size() == 1 && mutator.isResourceList(text)) {
                ManifestMutator.Result result = mutator.mutateResourceList(name, text);
                result.warnings().forEach(err::println);
                result.errors().forEach(err::println);
                out.print(result.output());
                out.flush();
                err.flush();
                return result.failed() ? 1 : 0;
            }
            results.add(mutator.mutateDocuments(name, text));
        }
        boolean failed = false;
        for (ManifestMutator.Result result : results) {
            result.warnings().forEach(err::println);
            result.errors().forEach(err::println);
            failed |= result.failed();
        }
        err.flush();
        if (failed) {
            return 1;
        }
        StringBuilder output = new StringBuilder();
        for (ManifestMutator.Result result : results) {
            String text = result.output();
            if (text.isEmpty()) {
                continue;
            }
            if (output.length() > 0) {
                if (output.charAt(output.length() - 1) != '\n') {
                    output.append('\n');
                }
                if (!text.startsWith("---")) {
                    output.append("---\n");
                }
            }
            output.append(text);
        }
        out.print(output);
        out.flush();
        return 0;
    }
}
