package io.prescaler.cli;

import io.prescaler.failure.InvalidInputException;
import io.prescaler.input.InputReader;
import io.prescaler.manifest.ManifestMutator;
import io.prescaler.schedule.MetricEncoding;
import io.prescaler.webhook.AdmissionReviewer;
import io.prescaler.webhook.ScalerTrigger;
import java.io.InputStream;
import java.io.PrintWriter;
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
            "Applies the webhook's logic offline: reads manifests (multi-document YAML or JSON) from files or stdin"
                    + " and prints them with the prescaling metric injected, fixed or removed in every autoscaling/v2"
                    + " HPA. Only the lines of a changed spec.metrics block change: comments, key order, quoting and"
                    + " indentation of every other line are kept. HPAs inside a List (kubectl get -o yaml) are"
                    + " handled too.",
            // A % in a description is a format specifier for picocli: written %% to print one.
            "An HPA with no metrics first gets the API server's default (cpu, Utilization 80%%), which the webhook"
                    + " would have seen, so that it keeps scaling on CPU; a note on stderr says so.",
            "A config.kubernetes.io/v1 ResourceList on stdin is answered with a ResourceList, so mutate runs as a"
                    + " kustomize KRM exec function (kustomize build --enable-alpha-plugins --enable-exec; kubectl"
                    + " kustomize cannot run exec functions).",
            "Exit status: 0 on success; 1 when an input cannot be read, is not YAML, or an HPA has invalid"
                    + " annotations, wrong-typed fields or is a prescaled autoscaling/v1 or v2beta2 HPA (each problem"
                    + " on stderr as FILE: document N: message, nothing on stdout); 2 on usage errors."
        })
final class MutateCommand implements Callable<Integer> {

    static final String LEGACY_WARNING = "mutate: warning: --metric-mode legacy injects "
            + MetricEncoding.LEGACY.metricName() + ", which Kubernetes >= 1.33 never scales on (its 11/10 ratio is"
            + " inside the 10% tolerance); use the default direct mode ("
            + MetricEncoding.DIRECT.metricName() + ") unless the cluster runs Kubernetes <= 1.32";

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

    @Option(
            names = "--keda-scaler-address",
            paramLabel = "HOST:PORT",
            defaultValue = ScalerTrigger.DEFAULT_ADDRESS,
            description = "scalerAddress of the external trigger given to annotated KEDA ScaledObjects, as the"
                    + " webhook's flag (default: ${DEFAULT-VALUE}).")
    String kedaScalerAddress;

    @Mixin
    SharedOptions shared;

    InputStream stdin = System.in;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (metricMode == MetricEncoding.LEGACY) {
            err.println(LEGACY_WARNING);
        }
        Clock clock = Clock.system(shared.zone());
        ManifestMutator mutator = new ManifestMutator(
                new AdmissionReviewer(
                        shared.parser(), metricMode, clock, WebhookCommand.scalerTrigger(kedaScalerAddress)),
                shared.keys());
        InputReader inputs = new InputReader(stdin);
        List<String> sources = files.isEmpty() ? List.of("-") : files;
        // Only stdin alone can be a kustomize function's ResourceList.
        boolean asFunction = sources.equals(List.of("-"));
        List<ManifestMutator.Result> results = new ArrayList<>();
        for (String source : sources) {
            try {
                results.add(mutator.mutate(inputs.read(source), asFunction));
            } catch (InvalidInputException e) {
                results.add(new ManifestMutator.Result("", List.of(e.getMessage()), List.of(), false));
            }
        }
        boolean failed = false;
        for (ManifestMutator.Result result : results) {
            result.warnings().forEach(err::println);
            result.errors().forEach(err::println);
            failed |= result.failed();
        }
        err.flush();
        if (results.size() == 1 && results.get(0).resourceList()) {
            out.print(results.get(0).output());
            out.flush();
            return failed ? 1 : 0;
        }
        if (failed) {
            return 1;
        }
        out.print(joined(results));
        out.flush();
        return 0;
    }

    /** The outputs one after the other, a {@code ---} between two inputs. */
    private static String joined(List<ManifestMutator.Result> results) {
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
        return output.toString();
    }
}
