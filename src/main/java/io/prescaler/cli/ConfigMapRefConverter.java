package io.prescaler.cli;

import io.prescaler.cluster.ConfigMapRef;
import picocli.CommandLine;

/** {@code --configmap [NAMESPACE/]NAME}. */
public final class ConfigMapRefConverter implements CommandLine.ITypeConverter<ConfigMapRef> {
    @Override
    public ConfigMapRef convert(String value) {
        try {
            return ConfigMapRef.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
