package io.prescaler.install;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.prescaler.cli.EnvironmentDefaults;
import io.prescaler.cli.Prescaler;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Every container's command line, with the environment the manifests give it, is one the jar accepts: the command
 * exists, every flag exists and every value converts (a zone, a duration). Also every PRESCALER_* variable names a
 * flag of that command: a misspelt one would be silently ignored.
 */
class ContainerCommandLineTest {

    /** Read by the logging set-up, not by a flag. */
    private static final Set<String> NON_FLAG_VARIABLES = Set.of("PRESCALER_LOG_LEVEL");

    static Stream<Arguments> containers() {
        return Arrays.stream(InstallVariant.values())
                .flatMap(variant -> RenderedInstall.of(variant).workloads().stream()
                        .flatMap(w -> w.containers().stream().map(c -> Arguments.of(variant, w, c.getName()))));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("containers")
    void theJarAcceptsTheContainersArgumentsAndEnvironment(InstallVariant variant, Workload workload, String name) {
        RenderedInstall install = RenderedInstall.of(variant);
        Container container = workload.containers().stream()
                .filter(c -> c.getName().equals(name))
                .findFirst()
                .orElseThrow();
        Map<String, String> environment = environment(install, container);
        String[] args = container.getArgs().toArray(String[]::new);

        ParseResult parsed;
        try {
            parsed = Prescaler.commandLine(environment).parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            parsed = fail(workload + ": `java -jar prescaler.jar " + String.join(" ", args) + "` is refused by the"
                    + " jar's CLI: " + e.getMessage());
        }
        CommandLine command = leaf(parsed).commandSpec().commandLine();

        assertFalse(command.getCommandName().equals("prescaler"), "args name a command: " + container.getArgs());
        assertTrue(
                command.getSubcommands().keySet().stream().allMatch("help"::equals),
                container.getArgs() + " names a group of commands, not a command");
        Set<String> flagVariables = command.getCommandSpec().options().stream()
                .map(EnvironmentDefaults::variableFor)
                .collect(Collectors.toSet());
        assertAll(environment.keySet().stream()
                .filter(key -> key.startsWith("PRESCALER_") && !NON_FLAG_VARIABLES.contains(key))
                .map(key -> () -> assertTrue(
                        flagVariables.contains(key),
                        workload + ": " + key + " is not a flag of `"
                                + command.getCommandSpec().qualifiedName() + "`; it would be ignored")));
    }

    private static ParseResult leaf(ParseResult result) {
        ParseResult current = result;
        while (current.hasSubcommand()) {
            current = current.subcommand();
        }
        return current;
    }

    /** The variables the container sees: envFrom ConfigMaps (as rendered), then env values, later ones winning. */
    private static Map<String, String> environment(RenderedInstall install, Container container) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (EnvFromSource source : container.getEnvFrom()) {
            if (source.getConfigMapRef() == null) {
                fail(container.getName() + ": envFrom other than a ConfigMap is not checked; extend this test");
            }
            String name = source.getConfigMapRef().getName();
            ConfigMap configMap = install.configMap(name)
                    .orElseGet(() -> fail(
                            container.getName() + " reads ConfigMap " + name + ", which the install does not create"));
            String prefix = source.getPrefix() == null ? "" : source.getPrefix();
            configMap.getData().forEach((key, value) -> environment.put(prefix + key, value));
        }
        for (EnvVar variable : container.getEnv()) {
            if (variable.getValue() != null) {
                environment.put(variable.getName(), variable.getValue());
            }
        }
        return environment;
    }
}
