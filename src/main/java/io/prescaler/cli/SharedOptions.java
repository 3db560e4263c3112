package io.prescaler.cli;

import io.prescaler.schedule.AnnotationKeys;
import io.prescaler.schedule.AnnotationParser;
import java.time.ZoneId;
import picocli.CommandLine.Option;

/** Flags every command that reads annotations shares. */
public final class SharedOptions {

    @Option(
            names = "--timezone",
            paramLabel = "ZONE",
            description =
                    "IANA zone of the annotation times when an HPA sets none (default: the JVM's zone, ${DEFAULT-VALUE}).",
            defaultValue = "${sys:user.timezone}",
            converter = ZoneConverter.class)
    ZoneId timezone;

    @Option(
            names = "--annotation-prefix",
            paramLabel = "PREFIX",
            description = "Prefix of the prescaling annotation keys (default: ${DEFAULT-VALUE}).",
            defaultValue = AnnotationKeys.DEFAULT_PREFIX)
    String annotationPrefix;

    public ZoneId zone() {
        return timezone == null ? ZoneId.systemDefault() : timezone;
    }

    public AnnotationKeys keys() {
        return new AnnotationKeys(annotationPrefix);
    }

    public AnnotationParser parser() {
        return new AnnotationParser(keys(), zone());
    }
}
