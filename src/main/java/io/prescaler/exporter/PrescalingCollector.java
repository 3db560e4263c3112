package io.prescaler.exporter;

import io.prescaler.exporter.HpaSeries.Point;
import io.prescaler.failure.UsageException;
import io.prescaler.forecast.ForecastReading;
import io.prescaler.kube.HpaFacts;
import io.prescaler.reading.AnnotationReadings;
import io.prescaler.schedule.AnnotationParser;
import io.prescaler.schedule.AnnotationProblem;
import io.prescaler.schedule.AnnotationReading;
import io.prescaler.schedule.EffectiveMinimum;
import io.prescaler.schedule.MetricEncoding;
import io.prescaler.schedule.MinimumSource;
import io.prescaler.schedule.PrescalingDecision;
import io.prescaler.spike.SpikeReading;
import io.prescaler.spike.SpikeState;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.PrometheusNaming;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders the per-HPA series from a snapshot of the informer cache, one decision per HPA, at one instant per
 * scrape. An HPA is exported when it carries prescaling annotations or consumes one of the two metrics; one with
 * bad annotations gets 0 samples (a missing series would block its scale-in) and its errors. Each HPA is read and
 * decided on its own: one that fails in any way is exported as invalid, and the others as usual.
 */
public final class PrescalingCollector implements MultiCollector {

    static final String EFFECTIVE = "prescaling_effective_min_replicas";
    static final String CONFIGURED = "prescaling_configured_min_replicas";
    static final String MULTIPLIER = "prescaling_event_multiplier";
    static final String EVENT_INFO = "prescaling_event_info";
    static final String WINDOW_ACTIVE = "prescaling_window_active";
    static final String CURRENT = "prescaling_current_replicas";
    static final String ANNOTATION_ERROR = "prescaling_annotation_error";
    static final String DEMAND = "prescaling_demand_replicas";
    static final String MIN_SOURCE = "prescaling_min_source";
    static final String SHORTFALL = "prescaling_shortfall_replicas";
    static final String FORECAST_REPLICAS = "prescaling_forecast_replicas";
    static final String FORECAST_READY = "prescaling_forecast_ready";
    static final String FORECAST_HISTORY = "prescaling_forecast_history_seconds";
    static final String FORECAST_LAST_REFRESH = "prescaling_forecast_last_refresh_timestamp_seconds";
    static final String FORECAST_ERRORS = "prescaling_forecast_errors_total";
    static final String DEMAND_VELOCITY = "prescaling_demand_velocity";
    static final String DEMAND_ACCELERATION = "prescaling_demand_acceleration";
    static final String SPIKE_ACTIVE = "prescaling_spike_active";
    static final String SPIKE_FLOOR = "prescaling_spike_floor_replicas";

    private static final Logger LOG = LoggerFactory.getLogger(PrescalingCollector.class);

    private static final Set<String> RESERVED_LABELS = Set.of("namespace", "hpa", "deployment", "key", "event");

    private final Supplier<List<HpaFacts>> hpas;
    private final AnnotationParser parser;
    private final Clock clock;
    private final Map<String, String> copiedLabels;
    private final Consumer<Duration> timeToMinimum;
    private final ForecastBoard forecasts;
    private final SpikeGuards spikes;
    private final DemandFloors floors;

    /**
     * What is kept of each HPA from one scrape to the next, by key; guarded by {@code this} (see {@link #series()}).
     * Updated in place: rebuilding two maps of 10,000 HPAs at every scrape cost more than deciding them.
     */
    private final Map<String, Tracked> tracked = new HashMap<>();

    /** Counts the scrapes, to tell the HPAs a scrape listed from those gone since. */
    private long scrapes;

    /** How many series the last scrape had, to size the next one's list. */
    private int lastSeriesCount;

    /**
     * One HPA's memo and wait for its minimum.
     *
     * <p>The memo is what was read from the HPA, reused while the HPA's facts are unchanged: parsing the annotations
     * and building label sets is most of a scrape's work, and HPA status updates rarely change the facts prescaling
     * reads. The wait is kept while the HPA is exported.
     */
    private static final class Tracked {
        /** The HPA's facts last seen: while the informer holds the same object, the memo holds without a look. */
        private HpaFacts facts;

        /** Whether {@link #facts} consume one of the two prescaling metrics. */
        private boolean consumes;

        private Memo memo;
        private TimeToMinimum wait;
        private long scrape;

        /**
         * The HPA's main series at the last scrape and what it was made from: handed out again, the same object,
         * while they are the same, so that neither it nor its lines are built or compared again.
         */
        private HpaSeries series;

        private PrescalingDecision decision;
        private int current;
        private Memo seriesMemo;

        /** The demand series at the last scrape, handed out again while the demand is the same. */
        private HpaSeries demand;

        /** The spike guard's state series at the last scrape, handed out again while it holds the same values. */
        private HpaSeries spike;
    }

    private record Memo(
            String key,
            Keys keys,
            AnnotationReadings readings,
            Labels labels,
            Map<MinimumSource, Labels> sources,
            List<Point> errors) {

        Memo(HpaFacts facts, AnnotationReadings readings, Labels labels) {
            this(
                    facts.key(),
                    new Keys(facts.key()),
                    readings,
                    labels,
                    sourceLabels(facts),
                    errorPoints(facts, readings));
        }

        AnnotationReading reading() {
            return readings.window();
        }

        ForecastReading forecast() {
            return readings.forecast();
        }

        SpikeReading spike() {
            return readings.spike();
        }

        /**
         * One {@code prescaling_annotation_error} point per bad key, in the order the parsers name them: built once
         * per memo, as they depend on nothing else.
         */
        private static List<Point> errorPoints(HpaFacts hpa, AnnotationReadings readings) {
            Optional<AnnotationReading.Invalid> problems = readings.problems();
            if (problems.isEmpty()) {
                return List.of();
            }
            return badKeys(problems.get().problems()).stream()
                    .map(key -> new Point(
                            HpaFamily.ANNOTATION_ERROR,
                            Labels.of("namespace", hpa.namespace(), "hpa", hpa.name(), "key", key),
                            1))
                    .toList();
        }

        /** The labels of {@code prescaling_min_source} for each source, built once rather than at every scrape. */
        private static Map<MinimumSource, Labels> sourceLabels(HpaFacts hpa) {
            Map<MinimumSource, Labels> labels = new EnumMap<>(MinimumSource.class);
            for (MinimumSource source : MinimumSource.values()) {
                labels.put(
                        source,
                        Labels.of(
                                "namespace",
                                String.valueOf(hpa.namespace()),
                                "hpa",
                                String.valueOf(hpa.name()),
                                "source",
                                source.label()));
            }
            return labels;
        }
    }

    /**
     * The keys of an HPA's series kept apart from its main series, built once per memo: the line cache finds each
     * series by its key at every scrape, and the same string object hashes and compares at once.
     */
    private record Keys(String demand, String forecast, String spike, String spikeSignals) {
        Keys(String key) {
            this(key + " demand", key + " forecast", key + " spike", key + " spike signals");
        }
    }

    /** A collector that keeps no times to the minimum. */
    public PrescalingCollector(
            Supplier<List<HpaFacts>> hpas, AnnotationParser parser, Clock clock, List<String> hpaLabels) {
        this(hpas, parser, clock, hpaLabels, took -> {});
    }

    /**
     * @param timeToMinimum handed the time each HPA took to reach its effective minimum, as seen at the scrapes
     *     ({@link TimeToMinimum})
     */
    public PrescalingCollector(
            Supplier<List<HpaFacts>> hpas,
            AnnotationParser parser,
            Clock clock,
            List<String> hpaLabels,
            Consumer<Duration> timeToMinimum) {
        this(
                hpas,
                parser,
                clock,
                hpaLabels,
                timeToMinimum,
                new ForecastBoard(ForecastConfig.DEFAULT_STALE_AFTER),
                new SpikeGuards(parser.keys(), clock));
    }

    /**
     * @param forecasts what the forecast's refresh loop last learned of each HPA: read, never waited for
     * @param spikes the spike guards fed by the informer, whose floors raise the minimum of the HPAs with the guard
     *     on
     */
    PrescalingCollector(
            Supplier<List<HpaFacts>> hpas,
            AnnotationParser parser,
            Clock clock,
            List<String> hpaLabels,
            Consumer<Duration> timeToMinimum,
            ForecastBoard forecasts,
            SpikeGuards spikes) {
        this.forecasts = forecasts;
        this.spikes = spikes;
        this.floors = new DemandFloors(forecasts, spikes);
        this.hpas = hpas;
        this.parser = parser;
        this.clock = clock;
        this.copiedLabels = copiedLabels(hpaLabels);
        this.timeToMinimum = timeToMinimum;
    }

    /** The floors computed from demand, as this collector applies them. */
    DemandFloors demandFloors() {
        return floors;
    }

    /** HPA label key -> Prometheus label name; fails at start-up on a name that would clash. */
    static Map<String, String> copiedLabels(List<String> hpaLabels) {
        Map<String, String> result = new LinkedHashMap<>();
        for (String key : hpaLabels) {
            String name = PrometheusNaming.sanitizeLabelName(key);
            if (RESERVED_LABELS.contains(name) || result.containsValue(name)) {
                throw new UsageException("--hpa-label " + key + " would become the label \"" + name
                        + "\", which is already used; copy another label");
            }
            result.put(key, name);
        }
        return result;
    }

    /** The series names as a scrape shows them. */
    static final List<String> SERIES =
            Arrays.stream(HpaFamily.values()).map(HpaFamily::seriesName).toList();

    @Override
    public List<String> getPrometheusNames() {
        // The registry knows an info metric by its name without the _info suffix.
        return Arrays.stream(HpaFamily.values()).map(HpaFamily::metricName).toList();
    }

    @Override
    public MetricSnapshots collect() {
        return HpaSeries.snapshots(series());
    }

    /**
     * The data points of every exported HPA, decided at one instant for the whole scrape. Synchronized: concurrent
     * scrapes take turns, so that each HPA's wait for its minimum is fed once per scrape, in order.
     */
    synchronized List<HpaSeries> series() {
        Instant now = clock.instant();
        long scrape = ++scrapes;
        int listed = 0;
        List<HpaFacts> snapshot = hpas.get();
        // Room for every HPA's main series and its demand, the usual pair, and then some.
        List<HpaSeries> result = new ArrayList<>(Math.max(lastSeriesCount, 2 * snapshot.size()) + 16);
        for (HpaFacts hpa : snapshot) {
            String key = hpa.key();
            Tracked kept = tracked.get(key);
            if (kept == null) {
                kept = new Tracked();
                tracked.put(key, kept);
            }
            if (kept.scrape != scrape) {
                kept.scrape = scrape;
                listed++;
            }
            Memo remembered = kept.memo;
            if (kept.facts != hpa) {
                if (remembered == null || !readsTheSame(kept.facts, hpa)) {
                    remembered = read(hpa);
                }
                // The newest object: while the informer holds it, the next scrape only checks its identity.
                kept.facts = hpa;
                kept.consumes = hpa.consumesMetric(MetricEncoding.DIRECT.metricName())
                        || hpa.consumesMetric(MetricEncoding.LEGACY.metricName());
            }
            boolean exported;
            try {
                exported = series(hpa, remembered, now, kept);
            } catch (RuntimeException e) {
                // Whatever one HPA carries, the others' series are served: this one is marked, as if invalid.
                remembered = failed(hpa, e);
                try {
                    exported = series(hpa, remembered, now, kept);
                } catch (RuntimeException again) {
                    LOG.warn("{}: left out of the scrape: {}", key, again.toString());
                    exported = false;
                }
            }
            kept.memo = remembered;
            if (exported) {
                result.add(kept.series);
                demand(hpa, remembered, kept).ifPresent(result::add);
                forecast(hpa, remembered, now).ifPresent(result::add);
                spike(remembered, kept, result);
                if (kept.wait == null) {
                    kept.wait = new TimeToMinimum();
                }
                kept.wait
                        .see(kept.decision.minimum().replicas(), hpa.currentReplicas(), now)
                        .ifPresent(timeToMinimum);
            } else {
                kept.wait = null;
                kept.series = null;
                kept.demand = null;
                kept.spike = null;
            }
        }
        if (listed < tracked.size()) {
            // Some HPAs are gone from the cache: forget them.
            tracked.values().removeIf(kept -> kept.scrape != scrape);
        }
        lastSeriesCount = result.size();
        return result;
    }

    /**
     * Whether the memo read from {@code before} holds for {@code after}: the facts the memo is read from (names,
     * annotations, labels) are the same. The replicas, the bounds, the metrics and the demand, which change with
     * status updates and scaling, are read from the facts at each scrape.
     */
    private static boolean readsTheSame(HpaFacts before, HpaFacts after) {
        return before == after
                || (before != null
                        && before.namespace().equals(after.namespace())
                        && before.name().equals(after.name())
                        && before.targetName().equals(after.targetName())
                        && before.annotations().equals(after.annotations())
                        && before.labels().equals(after.labels()));
    }

    /** What prescaling reads from the HPA; an HPA that cannot be read at all is marked as invalid. */
    private Memo read(HpaFacts hpa) {
        try {
            return new Memo(hpa, AnnotationReadings.read(parser, hpa.annotations()), labels(hpa));
        } catch (RuntimeException e) {
            return failed(hpa, e);
        }
    }

    /**
     * An HPA whose annotations or labels could not be read or decided: 0 samples and an annotation error on each
     * prescaling key it carries, logged once (the memo keeps it until the HPA changes).
     */
    private Memo failed(HpaFacts hpa, RuntimeException e) {
        LOG.warn(
                "{}: could not read its prescaling annotations ({}); exporting 0 and prescaling_annotation_error for it",
                hpa.key(),
                e.toString().lines().findFirst().orElse(""));
        Map<String, String> annotations = hpa.annotations() == null ? Map.of() : hpa.annotations();
        List<AnnotationProblem> problems = new ArrayList<>();
        for (String key : parser.keys().allKeys()) { // the spike keys included
            if (annotations.containsKey(key)) {
                problems.add(new AnnotationProblem(
                        key, null, "could not be read: " + e.getClass().getSimpleName()));
            }
        }
        if (problems.isEmpty()) {
            problems.add(new AnnotationProblem(
                    parser.keys().prefix(),
                    null,
                    "could not be read: " + e.getClass().getSimpleName()));
        }
        Labels labels = Labels.of(
                "namespace",
                String.valueOf(hpa.namespace()),
                "hpa",
                String.valueOf(hpa.name()),
                "deployment",
                String.valueOf(hpa.targetName()));
        return new Memo(
                hpa,
                new AnnotationReadings(
                        new AnnotationReading.Invalid(problems),
                        new ForecastReading.NotForecast(),
                        new SpikeReading.Absent()),
                labels);
    }

    /**
     * Decides one HPA and keeps its main series in {@code kept}: the one of the last scrape when nothing it shows
     * changed (most HPAs at most scrapes), else a new one.
     *
     * @return false when the HPA is neither prescaled nor consuming a prescaling metric: it is not exported
     */
    private boolean series(HpaFacts hpa, Memo remembered, Instant now, Tracked kept) {
        AnnotationReading reading = remembered.reading();
        SpikeReading spike = remembered.spike();
        if (!reading.isPrescaled() && !remembered.forecast().isForecast() && !spike.isPresent() && !kept.consumes) {
            return false;
        }
        // The demand floors raise the window's or event's minimum, each naming itself when it is the highest.
        PrescalingDecision decision = floors.raise(
                PrescalingDecision.decide(reading, hpa.maxReplicas(), hpa.currentReplicas(), now),
                remembered.key(),
                remembered.forecast(),
                spike,
                hpa.maxReplicas(),
                hpa.currentReplicas(),
                now);
        if (kept.series != null
                && kept.seriesMemo == remembered
                && kept.current == hpa.currentReplicas()
                && sameValues(kept.decision, decision)) {
            return true;
        }
        kept.series = new HpaSeries(remembered.key(), points(hpa, remembered, decision));
        kept.seriesMemo = remembered;
        kept.current = hpa.currentReplicas();
        kept.decision = decision;
        return true;
    }

    /** Whether two decisions show the same values: the same minimum and metric values. */
    private static boolean sameValues(PrescalingDecision before, PrescalingDecision after) {
        return before.directValue() == after.directValue()
                && before.legacyValue() == after.legacyValue()
                && before.minimum().equals(after.minimum());
    }

    private static List<Point> points(HpaFacts hpa, Memo remembered, PrescalingDecision decision) {
        AnnotationReading reading = remembered.reading();
        Labels labels = remembered.labels();
        List<Point> points = new ArrayList<>(HpaFamily.values().length);
        points.add(new Point(HpaFamily.DIRECT, labels, decision.directValue()));
        points.add(new Point(HpaFamily.LEGACY, labels, decision.legacyValue()));
        points.add(new Point(HpaFamily.EFFECTIVE, labels, decision.minimum().replicas()));
        points.add(new Point(HpaFamily.CURRENT, labels, hpa.currentReplicas()));
        points.add(new Point(HpaFamily.SHORTFALL, labels, shortfall(decision.minimum(), hpa.currentReplicas())));
        decision.minimum()
                .source()
                .ifPresent(source -> points.add(
                        new Point(HpaFamily.MIN_SOURCE, remembered.sources().get(source), 1)));
        if (reading instanceof AnnotationReading.Valid valid) {
            points.add(new Point(HpaFamily.CONFIGURED, labels, valid.spec().minReplicas()));
            points.add(new Point(
                    HpaFamily.MULTIPLIER,
                    labels,
                    decision.minimum().multiplier().doubleValue()));
            points.add(new Point(
                    HpaFamily.WINDOW_ACTIVE, labels, decision.minimum().windowOpen() ? 1 : 0));
            decision.minimum()
                    .event()
                    .ifPresent(e -> points.add(new Point(
                            HpaFamily.EVENT_INFO,
                            Labels.of("namespace", hpa.namespace(), "hpa", hpa.name(), "event", e.name()),
                            1)));
        }
        points.addAll(remembered.errors());
        return points;
    }

    /**
     * The spike guard's series of an HPA with valid spike annotations, under keys of their own like the demand: its
     * two signals change at every status update and only their lines are rewritten; whether a spike holds and its
     * floor change rarely, and are compared as a whole. Absent until the guard has seen a sample.
     */
    private void spike(Memo remembered, Tracked kept, List<HpaSeries> result) {
        if (!(remembered.spike() instanceof SpikeReading.Valid)) {
            return;
        }
        Optional<SpikeState> state = spikes.state(remembered.key());
        if (state.isEmpty()) {
            return;
        }
        SpikeState spike = state.get();
        Labels labels = remembered.labels();
        List<Point> signals = new ArrayList<>(2);
        spike.velocity().ifPresent(v -> signals.add(new Point(HpaFamily.DEMAND_VELOCITY, labels, v)));
        spike.acceleration().ifPresent(a -> signals.add(new Point(HpaFamily.DEMAND_ACCELERATION, labels, a)));
        if (!signals.isEmpty()) {
            result.add(new HpaSeries(remembered.keys().spikeSignals(), signals));
        }
        HpaSeries previous = kept.spike;
        double active = spike.active() ? 1 : 0;
        if (previous == null
                || previous.points().get(0).labels() != labels
                || previous.points().get(0).value() != active
                || previous.points().get(1).value() != spike.floor()) {
            kept.spike = new HpaSeries(
                    remembered.keys().spike(),
                    List.of(
                            new Point(HpaFamily.SPIKE_ACTIVE, labels, active),
                            new Point(HpaFamily.SPIKE_FLOOR, labels, spike.floor())));
        }
        result.add(kept.spike);
    }

    /**
     * The HPA's demand as a series of its own, under its own key: the demand changes with nearly every status
     * update of the HPA, and apart from the other series only its one line is rendered again when it does.
     */
    private static Optional<HpaSeries> demand(HpaFacts hpa, Memo remembered, Tracked kept) {
        if (hpa.demand().isEmpty()) {
            kept.demand = null;
            return Optional.empty();
        }
        double replicas = hpa.demand().get().replicas();
        HpaSeries previous = kept.demand;
        if (previous == null
                || previous.points().get(0).labels() != remembered.labels()
                || Double.compare(previous.points().get(0).value(), replicas) != 0) {
            kept.demand = new HpaSeries(
                    remembered.keys().demand(), List.of(new Point(HpaFamily.DEMAND, remembered.labels(), replicas)));
        }
        return Optional.of(kept.demand);
    }

    /**
     * The forecast's series of an HPA whose forecast annotations are valid, under a key of their own: they change
     * at each refresh, apart from the HPA's other series.
     */
    private Optional<HpaSeries> forecast(HpaFacts hpa, Memo remembered, Instant now) {
        if (!(remembered.forecast() instanceof ForecastReading.Valid)) {
            return Optional.empty();
        }
        Labels labels = remembered.labels();
        Optional<ForecastView> view = forecasts.view(remembered.key());
        Optional<Double> replicas = view.flatMap(v -> v.replicas(now, forecasts.staleAfter()));
        List<Point> points = new ArrayList<>(5);
        replicas.ifPresent(value -> points.add(new Point(HpaFamily.FORECAST_REPLICAS, labels, value)));
        points.add(new Point(HpaFamily.FORECAST_READY, labels, replicas.isPresent() ? 1 : 0));
        points.add(new Point(
                HpaFamily.FORECAST_HISTORY,
                labels,
                view.map(v -> v.forecast().history().toSeconds()).orElse(0L)));
        view.flatMap(ForecastView::lastRefresh)
                .ifPresent(at ->
                        points.add(new Point(HpaFamily.FORECAST_LAST_REFRESH, labels, at.toEpochMilli() / 1000.0)));
        points.add(new Point(
                HpaFamily.FORECAST_ERRORS,
                labels,
                view.map(ForecastView::errors).orElse(0L)));
        return Optional.of(new HpaSeries(remembered.keys().forecast(), points));
    }

    /** How many replicas the HPA is below its effective minimum: {@code max(0, minimum - current)}. */
    static int shortfall(EffectiveMinimum minimum, int currentReplicas) {
        return Math.max(0, minimum.replicas() - currentReplicas);
    }

    private static List<String> badKeys(List<AnnotationProblem> problems) {
        return problems.stream().map(AnnotationProblem::key).distinct().toList();
    }

    private Labels labels(HpaFacts hpa) {
        Labels.Builder builder = Labels.builder()
                .label("namespace", hpa.namespace())
                .label("hpa", hpa.name())
                .label("deployment", hpa.targetName());
        copiedLabels.forEach((key, name) -> builder.label(name, hpa.labels().getOrDefault(key, "")));
        return builder.build();
    }
}
