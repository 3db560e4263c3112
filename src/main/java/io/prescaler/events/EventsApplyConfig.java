package io.prescaler.events;

import io.prescaler.cluster.ConfigMapRef;
import io.prescaler.schedule.AnnotationKeys;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Everything {@code events apply} is told, read once from the flags.
 *
 * @param zone the zone of the local date-times in the events file and of HPAs that set none
 * @param parallelism how many HPA patches run at once
 * @param scaledObjects whether KEDA ScaledObjects are read and annotated too (the keda install component turns it on)
 */
public record EventsApplyConfig(
        String configMapNamespace,
        String configMapName,
        String key,
        AnnotationKeys keys,
        ZoneId zone,
        boolean dryRun,
        int parallelism,
        boolean scaledObjects) {

    public static final String DEFAULT_CONFIGMAP = ConfigMapRef.DEFAULT_NAME;
    public static final String DEFAULT_KEY = "events.yaml";

    /** HPAs only. */
    public EventsApplyConfig(
            String configMapNamespace,
            String configMapName,
            String key,
            AnnotationKeys keys,
            ZoneId zone,
            boolean dryRun,
            int parallelism) {
        this(configMapNamespace, configMapName, key, keys, zone, dryRun, parallelism, false);
    }

    public EventsApplyConfig {
        Objects.requireNonNull(configMapNamespace, "configMapNamespace");
        Objects.requireNonNull(configMapName, "configMapName");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(zone, "zone");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
        }
    }

    public String configMap() {
        return configMapRef().toString();
    }

    public ConfigMapRef configMapRef() {
        return new ConfigMapRef(configMapNamespace, configMapName);
    }
}
