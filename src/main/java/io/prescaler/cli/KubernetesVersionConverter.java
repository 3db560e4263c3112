package io.prescaler.cli;

import io.prescaler.plan.KubernetesVersion;
import picocli.CommandLine;

/** {@code --kubernetes-version}: MAJOR.MINOR, as {@code kubectl version} prints it. */
public final class KubernetesVersionConverter implements CommandLine.ITypeConverter<KubernetesVersion> {

    @Override
    public KubernetesVersion convert(String value) {
        try {
            return KubernetesVersion.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
