package io.prescaler.cli;

import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every flag falls back to an environment variable named after it: {@code --hpa-label} reads
 * {@code PRESCALER_HPA_LABEL}. Repeatable flags take a comma-separated list.
 */
public final class EnvironmentDefaults implements CommandLine.IDefaultValueProvider {

    private final Map<String, String> environment;

    public EnvironmentDefaults(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public static String variableFor(OptionSpec option) {
        String name = option.longestName().replaceFirst("^-+", "");
        return "PRESCALER_" + name.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (!(argSpec instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()) {
            return null;
        }
        String value = environment.get(variableFor(option));
        return value == null || value.isEmpty() ? null : value;
    }
}
