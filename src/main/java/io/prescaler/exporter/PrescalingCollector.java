package io.prescaler.exporter;

import io.prescaler.kube.HpaFacts;
import io.prescaler.schedule.AnnotationParser;
import io.prescaler.schedule.AnnotationProblem;
import io.prescaler.schedule.AnnotationReading;
import io.prescaler.schedule.MetricEncoding;
import io.prescaler.schedule.PrescalingDecision;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.PrometheusNaming;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Renders the per-HPA series from a snapshot of the informer cache, one decision per HPA, at one instant per
 * scrape. An HPA is exported when it carries prescaling annotations or consumes one of the two metrics; one with
 * bad annotations gets 0 samples (a missing series would block its scale-in) and its errors.
 */
public final class PrescalingCollector implements MultiCollector {

    static final String EFFECTIVE = "prescaling_effective_min_replicas";
    static final String CONFIGURED = "prescaling_configured_min_replicas";
    static final String MULTIPLIER = "prescaling_event_multiplier";
    static final String EVENT_INFO = "prescaling_event_info";
    static final String WINDOW_ACTIVE = "prescaling_window_active";
    static final String CURRENT = "prescaling_current_replicas";
    static final String ANNOTATION_ERROR = "prescaling_annotation_error";

    private static final Set<String> RESERVED_LABELS = Set.of("namespace", "hpa", "deployment", "key", "event");

    private final Supplier<List<HpaFacts>> hpas;
    private final AnnotationParser parser;
    private final Clock clock;
    private final Map<String, String> copiedLabels;

    /**
     * What was read from each HPA at the last scrape, reused while the HPA's facts are unchanged: parsing the
     * annotations and building label sets is most of a scrape's work, and HPA status updates rarely change the
     * facts prescaling reads.
     */
    private volatile Map<String, Memo> memo = Map.of();

    private record Memo(HpaFacts facts, AnnotationReading reading, Labels labels) {}

    public PrescalingCollector(
            Supplier<List<HpaFacts>> hpas, AnnotationParser parser, Clock clock, List<String> hpaLabels) {
        this.hpas = hpas;
        this.parser = parser;
        this.clock = clock;
        this.copiedLabels = copiedLabels(hpaLabels);
    }

    /** HPA label key -> Prometheus label name; fails at start-up on a name that would clash. */
    static Map<String, String> copiedLabels(List<String> hpaLabels) {
        Map<String, String> result = new LinkedHashMap<>();
        for (String key : hpaLabels) {
            String name = PrometheusNaming.sanitizeLabelName(key);
            if (RESERVED_LABELS.contains(name) || result.containsValue(name)) {
                throw new IllegalArgumentException("--hpa-label " + key + " would become the label \"" + name
                        + "\", which is already used; copy another label");
            }
            result.put(key, name);
        }
        return result;
    }

    /** The series names as a scrape shows them. */
    static final List<String> SERIES = List.of(
            MetricEncoding.DIRECT.metricName(),
            MetricEncoding.LEGACY.metricName(),
            EFFECTIVE,
            CONFIGURED,
            MULTIPLIER,
            EVENT_INFO,
            WINDOW_ACTIVE,
            CURRENT,
            ANNOTATION_ERROR);

    @Override
    public List<String> getPrometheusNames() {
        // The registry knows an info metric by its name without the _info suffix.
        return SERIES.stream()
                .map(name -> name.equals(EVENT_INFO) ? name.substring(0, name.length() - "_info".length()) : name)
                .toList();
    }

    @Override
    public MetricSnapshots collect() {
        Instant now = clock.instant();
        Series direct = new Series(
                MetricEncoding.DIRECT.metricName(),
                "Replicas the HPA should hold now, for an External metric with target AverageValue 1; 0 outside"
                        + " the window. Raised slightly above the minimum while the HPA is below it, so the HPA's"
                        + " tolerance cannot hold it there.");
        Series legacy = new Series(
                MetricEncoding.LEGACY.metricName(),
                "Bedrock's original signal for target Value 10: 0 outside the window, 11 below the minimum,"
                        + " 10 otherwise.");
        Series effective = new Series(EFFECTIVE, "Minimum the HPA should hold now (multiplier and cap applied).");
        Series configured = new Series(CONFIGURED, "Minimum replicas the annotations ask for in the window.");
        Series multiplier = new Series(MULTIPLIER, "Event multiplier applying now; 1 when no event applies.");
        InfoSnapshot.Builder eventInfo = InfoSnapshot.builder()
                .name(EVENT_INFO.substring(0, EVENT_INFO.length() - "_info".length()))
                .help("The event whose multiplier applies now.");
        Series window = new Series(WINDOW_ACTIVE, "1 while the HPA's daily window is open.");
        Series current = new Series(CURRENT, "status.currentReplicas of the HPA, as last seen.");
        Series errors = new Series(ANNOTATION_ERROR, "1 for each prescaling annotation of the HPA that is invalid.");

        List<HpaFacts> snapshot = hpas.get();
        Map<String, Memo> previous = memo;
        Map<String, Memo> next = new HashMap<>(snapshot.size() * 2);
        for (HpaFacts hpa : snapshot) {
            Memo remembered = previous.get(hpa.key());
            if (remembered == null || !remembered.facts().equals(hpa)) {
                remembered = new Memo(hpa, parser.read(hpa.annotations()), labels(hpa));
            }
            next.put(hpa.key(), remembered);
            AnnotationReading reading = remembered.reading();
            boolean consumes = hpa.consumesMetric(MetricEncoding.DIRECT.metricName())
                    || hpa.consumesMetric(MetricEncoding.LEGACY.metricName());
            if (!reading.isPrescaled() && !consumes) {
                continue;
            }
            PrescalingDecision decision =
                    PrescalingDecision.decide(reading, hpa.maxReplicas(), hpa.currentReplicas(), now);
            Labels labels = remembered.labels();
            direct.add(labels, decision.directValue());
            legacy.add(labels, decision.legacyValue());
            effective.add(labels, decision.minimum().replicas());
            current.add(labels, hpa.currentReplicas());
            if (reading instanceof AnnotationReading.Valid valid) {
                configured.add(labels, valid.spec().minReplicas());
                multiplier.add(labels, decision.minimum().multiplier().doubleValue());
                window.add(labels, decision.minimum().windowOpen() ? 1 : 0);
                decision.minimum()
                        .event()
                        .ifPresent(e -> eventInfo.dataPoint(InfoSnapshot.InfoDataPointSnapshot.builder()
                                .labels(Labels.of("namespace", hpa.namespace(), "hpa", hpa.name(), "event", e.name()))
                                .build()));
            } else if (reading instanceof AnnotationReading.Invalid invalid) {
                for (String key : badKeys(invalid)) {
                    errors.add(Labels.of("namespace", hpa.namespace(), "hpa", hpa.name(), "key", key), 1);
                }
            }
        }
        memo = next;
        return new MetricSnapshots(
                direct.snapshot(),
                legacy.snapshot(),
                effective.snapshot(),
                configured.snapshot(),
                multiplier.snapshot(),
                eventInfo.build(),
                window.snapshot(),
                current.snapshot(),
                errors.snapshot());
    }

    private static List<String> badKeys(AnnotationReading.Invalid invalid) {
        return invalid.problems().stream()
                .map(AnnotationProblem::key)
                .distinct()
                .toList();
    }

    private Labels labels(HpaFacts hpa) {
        Labels.Builder builder = Labels.builder()
                .label("namespace", hpa.namespace())
                .label("hpa", hpa.name())
                .label("deployment", hpa.targetName());
        copiedLabels.forEach((key, name) -> builder.label(name, hpa.labels().getOrDefault(key, "")));
        return builder.build();
    }

    /** One gauge's data points, gathered during a scrape. */
    private static final class Series {
        private final GaugeSnapshot.Builder builder;

        Series(String name, String help) {
            this.builder = GaugeSnapshot.builder().name(name).help(help);
        }

        void add(Labels labels, double value) {
            builder.dataPoint(
                    GaugeDataPointSnapshot.builder().labels(labels).value(value).build());
        }

        GaugeSnapshot snapshot() {
            return builder.build();
        }
    }
}
