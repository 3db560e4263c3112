package io.prescaler.cli;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.prescaler.demand.DemandCurve;
import io.prescaler.failure.InvalidInputException;
import io.prescaler.failure.UsageException;
import io.prescaler.forecast.ForecastAnnotations;
import io.prescaler.forecast.ForecastReading;
import io.prescaler.forecast.ForecastSettings;
import io.prescaler.forecast.SeasonalForecaster;
import io.prescaler.forecast.TrainingExclusions;
import io.prescaler.history.DemandSignal;
import io.prescaler.history.PrometheusClient;
import io.prescaler.history.PrometheusSettings;
import io.prescaler.history.RangeResult;
import io.prescaler.hpa.Behavior;
import io.prescaler.input.EventsYaml;
import io.prescaler.input.HpaManifests;
import io.prescaler.input.InputReader;
import io.prescaler.kube.HpaBehaviors;
import io.prescaler.kube.HpaFacts;
import io.prescaler.plan.DayPlanner;
import io.prescaler.replay.DemandCsv;
import io.prescaler.replay.DemandFloor;
import io.prescaler.replay.ForecastFloor;
import io.prescaler.replay.LastWeekFloor;
import io.prescaler.replay.Policy;
import io.prescaler.replay.PolicyPart;
import io.prescaler.replay.ReplayAssumptions;
import io.prescaler.replay.ReplayChart;
import io.prescaler.replay.ReplayJson;
import io.prescaler.replay.ReplayReport;
import io.prescaler.replay.ReplayTable;
import io.prescaler.replay.ReplayedHpa;
import io.prescaler.schedule.AnnotationProblem;
import io.prescaler.schedule.AnnotationReading;
import io.prescaler.schedule.Durations;
import io.prescaler.schedule.EffectiveMinimum;
import io.prescaler.schedule.EventProblem;
import io.prescaler.schedule.HpaSchedule;
import io.prescaler.schedule.MetricEncoding;
import io.prescaler.schedule.ParsedEvents;
import io.prescaler.schedule.TimeSpan;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Replays a real demand curve through the HPA controller model under each policy and says how well each"
                    + " served it: under-provisioned replica-minutes, peak shortfall, minutes short, how late the"
                    + " Ready pods were at each rise, and what it cost in pod-hours.",
            "Policies: reactive (the HPA alone, its own metric carrying the demand), schedule (plus the HPA's"
                    + " prescaling annotations and the --events file), forecast (plus the forecast learned from the"
                    + " demand before each instant, refreshed every 5m as the exporter does, the --events file's"
                    + " events left out of training; the HPA's forecast.horizon and forecast.headroom apply, its"
                    + " forecast mode does not: the backtest shows what `on` would do), last-week (plus the highest"
                    + " demand of the same 30 minutes a week earlier, the naive baseline). Join floors with +:"
                    + " schedule+forecast holds the higher of both.",
            "Exit status: 0; 1 on bad input (the HPA, its annotations, the demand file, the events file); 2 for bad"
                    + " flags."
        })
final class ReplayCommand implements Callable<Integer> {

    /** The longest span replayed at once: a quarter at 15 s syncs is about 530,000 syncs per policy. */
    static final Duration MAX_SPAN = Duration.ofDays(92);

    private static final Duration MAX_DELAY = Duration.ofHours(1);

    @Parameters(
            paramLabel = "HPA.yaml",
            arity = "1",
            description = "The HPA manifest (YAML or JSON, `-` for stdin); with several HPAs, pick one with --hpa.")
    String hpaFile;

    @Option(
            names = "--demand",
            paramLabel = "FILE.csv",
            description = "The demand curve: a header `time,demand`, then rows of RFC 3339 time (with offset) or"
                    + " epoch seconds, and the replicas the work needs (a decimal >= 0). `-` for stdin. Or read it"
                    + " from Prometheus with --prometheus-url.")
    String demandFile;

    @Mixin
    PrometheusOptions prometheus;

    @Option(
            names = "--query",
            paramLabel = "PROMQL",
            description = "With --prometheus-url: the demand in replicas, one series (default: the HPA's"
                    + " forecast.query annotation, else max(prescaling_demand_replicas{namespace=\"NS\",hpa=\"NAME\"}),"
                    + " the demand the exporter publishes).")
    String query;

    @Option(
            names = "--step",
            paramLabel = "DURATION",
            defaultValue = "1m",
            converter = DurationConverter.WholeSeconds.class,
            description = "With --prometheus-url: the resolution of the demand read, each step its highest value"
                    + " (default: ${DEFAULT-VALUE}).")
    Duration step;

    @Option(
            names = "--history",
            paramLabel = "DURATION",
            defaultValue = "35d",
            converter = DurationConverter.Positive.class,
            description = "With --prometheus-url: for the policies that learn from the demand before each instant,"
                    + " also read this much before --from (default: ${DEFAULT-VALUE}).")
    Duration history;

    @Option(
            names = "--events",
            paramLabel = "FILE",
            description = "The events file (the events.yaml of the ConfigMap), for the schedule policy.")
    Path events;

    @Option(
            names = "--hpa",
            paramLabel = "[NAMESPACE/]NAME",
            description = "The HPA to replay when the manifest holds several.")
    String hpaName;

    @Option(
            names = "--policy",
            split = ",",
            paramLabel = "POLICY",
            defaultValue = "reactive,schedule",
            converter = PolicyConverter.class,
            description = "The policies to replay, in order: reactive (the HPA alone) or Prescaler's floors joined"
                    + " by + (schedule, forecast, last-week; for example schedule+forecast) (default:"
                    + " ${DEFAULT-VALUE}). To backtest a forecast on a held-out week, give --from at the week's"
                    + " start: the forecast still learns from the demand before it.")
    List<Policy> policies;

    @Option(
            names = "--pod-startup",
            paramLabel = "DURATION",
            defaultValue = "60s",
            converter = DurationConverter.WholeSeconds.class,
            description = "From a pod's creation to Ready, whole seconds up to 1h (default: ${DEFAULT-VALUE}).")
    Duration podStartup;

    @Mixin
    HpaModelOptions model;

    @Option(
            names = "--from",
            paramLabel = "TIME",
            converter = InstantConverter.class,
            description =
                    "Start of the replay, RFC 3339 with offset or epoch seconds (default: the first demand" + " row).")
    Instant from;

    @Option(
            names = "--to",
            paramLabel = "TIME",
            converter = InstantConverter.class,
            description = "End of the replay (default: the last demand row). At most 92 days after --from.")
    Instant to;

    @Option(names = "--svg", paramLabel = "FILE", description = "Also draw demand and Ready pods per policy to FILE.")
    Path svg;

    @Option(names = "--json", description = "Print the figures as one JSON object instead of the table.")
    boolean json;

    @Mixin
    SharedOptions shared;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        checkDelay("--pod-startup", podStartup);
        checkDelay("--pipeline-delay", model.pipelineDelay);
        List<Policy> chosen = policies.stream().distinct().toList();
        Optional<PrometheusSettings> demandServer = demandServer();

        InputReader inputs = new InputReader(System.in);
        HpaManifests.Reading manifests = HpaManifests.read(inputs.read(hpaFile), shared.keys());
        manifests.notes().forEach(note -> err.println("replay: " + note));
        if (!manifests.errors().isEmpty()) {
            throw new InvalidInputException(String.join(System.lineSeparator() + "replay: ", manifests.errors()));
        }
        HorizontalPodAutoscaler hpa = chooseHpa(manifests.hpas());
        HpaFacts facts = HpaFacts.of(hpa);
        DemandCurve demand = demandServer.isPresent()
                ? demandFromPrometheus(demandServer.get(), facts, chosen)
                : DemandCsv.parse(inputs.read(demandFile).text(), demandFile);
        Instant start = from != null ? from : demand.first();
        Instant end = to != null ? to : demand.last();
        if (!end.isAfter(start)) {
            throw new InvalidInputException("the replay must end after it starts: from " + start + " to " + end
                    + (from == null && to == null ? " (" + demandFile + " holds a single time)" : ""));
        }
        if (Duration.between(start, end).compareTo(MAX_SPAN) > 0) {
            throw new InvalidInputException(
                    "the replay spans " + Duration.between(start, end).toDays() + " days, more than "
                            + MAX_SPAN.toDays() + " days: replay a part with --from and --to");
        }

        boolean bad = false;
        ParsedEvents parsed = EventsYaml.read(
                events == null ? null : inputs.read(events.toString()).text(), shared.zone());
        for (EventProblem problem : parsed.problems()) {
            err.println("replay: " + events + ": " + problem.message());
            bad = true;
        }
        Function<Instant, EffectiveMinimum> floor = at -> EffectiveMinimum.NONE;
        AnnotationReading reading = shared.parser()
                .read(DayPlanner.withoutEventKeys(
                        facts.annotations(), shared.parser().keys()));
        ForecastReading forecastReading = ForecastAnnotations.read(shared.keys(), facts.annotations());
        List<AnnotationProblem> problems = new ArrayList<>();
        if (reading instanceof AnnotationReading.Invalid invalid) {
            problems.addAll(invalid.problems());
        }
        if (forecastReading instanceof ForecastReading.Invalid invalid) {
            problems.addAll(invalid.problems());
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(facts.key() + ": " + new AnnotationReading.Invalid(problems).message());
        }
        if (reading instanceof AnnotationReading.Valid valid) {
            HpaSchedule schedule = new HpaSchedule(
                    valid.spec(),
                    facts.maxReplicas(),
                    facts.namespace(),
                    facts.labels(),
                    parsed.calendar().occurrencesBetween(start.minus(Duration.ofHours(2)), end));
            floor = schedule::at;
        } else if (chosen.stream().anyMatch(p -> p.includes(PolicyPart.SCHEDULE))) {
            err.println("replay: note: " + facts.key() + " has no prescaling annotations: the schedule policy"
                    + " holds no floor beyond what its events select");
        }

        Map<PolicyPart, DemandFloor> floors = new EnumMap<>(PolicyPart.class);
        if (chosen.stream().anyMatch(p -> p.includes(PolicyPart.FORECAST))) {
            floors.put(
                    PolicyPart.FORECAST,
                    forecastFloor(forecastReading, reading, facts, parsed, demand, start, end, err));
        }
        if (chosen.stream().anyMatch(p -> p.includes(PolicyPart.LAST_WEEK))) {
            floors.put(PolicyPart.LAST_WEEK, LastWeekFloor.of(demand, start, end));
        }
        ReplayedHpa replayed = new ReplayedHpa(
                facts.key(),
                minReplicas(facts),
                facts.maxReplicas(),
                behavior(hpa, facts),
                facts.consumedEncoding().orElse(MetricEncoding.DIRECT),
                floor,
                floors);
        ReplayAssumptions assumptions =
                new ReplayAssumptions(podStartup, model.pipelineDelay, model.kubernetesVersion.toleranceTest());
        ReplayReport report = ReplayReport.of(replayed, chosen, demand, assumptions, start, end);
        out.print(json ? ReplayJson.render(report) : ReplayTable.render(report, shared.zone()));
        if (svg != null) {
            Files.writeString(svg, ReplayChart.render(report, demand, shared.zone()), StandardCharsets.UTF_8);
            err.println("replay: SVG chart written to " + svg);
        }
        out.flush();
        err.flush();
        return bad ? 1 : 0;
    }

    /** Prometheus when the demand is read from it; exactly one source of demand, checked before any input. */
    private Optional<PrometheusSettings> demandServer() {
        Optional<PrometheusSettings> settings = prometheus.settings();
        if (settings.isPresent() == (demandFile != null)) {
            throw new UsageException("give the demand either with --demand FILE.csv or from Prometheus with"
                    + " --prometheus-url URL" + (demandFile != null ? ", not both" : ""));
        }
        if (settings.isEmpty() && query != null) {
            throw new UsageException("--query reads the demand from Prometheus: it needs --prometheus-url");
        }
        if (settings.isPresent() && (from == null || to == null)) {
            throw new UsageException("--prometheus-url needs --from and --to: the span to read and replay");
        }
        if (settings.isPresent() && (step.isZero() || step.compareTo(MAX_DELAY) > 0)) {
            throw new UsageException("--step must be whole seconds from 1s to 1h, got " + Durations.format(step));
        }
        return settings;
    }

    /**
     * The HPA's demand from {@code --from} to {@code --to}, each step its highest value; for a policy that learns
     * from the past (any part beyond the schedule), {@code --history} more before {@code --from}.
     */
    private DemandCurve demandFromPrometheus(PrometheusSettings settings, HpaFacts facts, List<Policy> chosen) {
        String promql = query != null
                ? query
                : ForecastAnnotations.read(shared.keys(), facts.annotations()) instanceof ForecastReading.Valid valid
                                && valid.settings().query().isPresent()
                        ? valid.settings().query().get()
                        : DemandSignal.of(facts.namespace(), facts.name());
        boolean learns =
                chosen.stream().anyMatch(p -> p.parts().stream().anyMatch(part -> part != PolicyPart.SCHEDULE));
        Instant readFrom = learns ? from.minus(history) : from;
        long points = Duration.between(readFrom, to).dividedBy(step) + 2;
        try (PrometheusClient client = new PrometheusClient(settings.withBounds(
                (int) Math.min(Integer.MAX_VALUE, Math.max(points, PrometheusSettings.DEFAULT_MAX_POINTS)),
                PrometheusSettings.DEFAULT_MAX_RESPONSE_BYTES))) {
            RangeResult read = client.stepMaxima(promql, readFrom, to, step);
            if (read instanceof RangeResult.Failed failed) {
                throw new InvalidInputException("the demand could not be read ("
                        + failed.failure().cause().label() + "): "
                        + failed.failure().message());
            }
            return ((RangeResult.Samples) read).curve();
        }
    }

    /**
     * The forecast policy's floor: the HPA's forecast settings (the defaults without forecast keys), the window's
     * zone and lead when it has a window, the events selecting it left out of training.
     */
    private ForecastFloor forecastFloor(
            ForecastReading forecastReading,
            AnnotationReading reading,
            HpaFacts facts,
            ParsedEvents parsed,
            DemandCurve demand,
            Instant start,
            Instant end,
            PrintWriter err) {
        ForecastSettings settings =
                forecastReading instanceof ForecastReading.Valid valid ? valid.settings() : ForecastSettings.DEFAULTS;
        Optional<AnnotationReading.Valid> window =
                reading instanceof AnnotationReading.Valid valid ? Optional.of(valid) : Optional.empty();
        ZoneId zone = window.map(w -> w.spec().window().zone()).orElse(shared.zone());
        Duration horizon = settings.horizonWithLead(
                window.map(w -> w.spec().window().lead()).orElse(Duration.ZERO));
        Instant trainedFrom = start.minus(SeasonalForecaster.MAX_HISTORY);
        List<TimeSpan> excluded = TrainingExclusions.of(
                parsed.calendar(),
                facts.namespace(),
                facts.labels(),
                trainedFrom.isBefore(demand.first()) ? demand.first() : trainedFrom,
                end);
        err.println("replay: forecast: horizon " + Durations.format(horizon) + ", headroom "
                + settings.headroom().map(h -> "fixed at " + h).orElse("calibrated") + ", local time in "
                + zone.getId() + ", refreshed every " + Durations.format(ForecastFloor.REFRESH) + "; "
                + excluded.size() + " event span" + (excluded.size() == 1 ? "" : "s") + " left out of training");
        ForecastFloor forecast =
                ForecastFloor.of(SeasonalForecaster.of(settings, zone), demand, excluded, horizon, start, end);
        forecast.notReady()
                .ifPresent(n -> err.println("replay: note: no forecast at " + n.refreshes() + " of its refreshes,"
                        + " from " + n.first().atZone(zone).toOffsetDateTime() + " to "
                        + n.last().atZone(zone).toOffsetDateTime() + " (" + n.reason()
                        + "): the forecast policies hold no forecast floor then"));
        return forecast;
    }

    private HorizontalPodAutoscaler chooseHpa(List<HorizontalPodAutoscaler> hpas) {
        List<HorizontalPodAutoscaler> matching = hpas.stream()
                .filter(h -> hpaName == null
                        || hpaName.equals(HpaFacts.of(h).name())
                        || hpaName.equals(HpaFacts.of(h).key()))
                .toList();
        if (matching.size() == 1) {
            return matching.get(0);
        }
        String names =
                String.join(", ", hpas.stream().map(h -> HpaFacts.of(h).key()).toList());
        if (matching.isEmpty()) {
            throw new InvalidInputException(hpaFile + ": "
                    + (hpaName == null
                            ? "no autoscaling/v2 HorizontalPodAutoscaler"
                            : "no HPA named " + hpaName + (names.isEmpty() ? "" : " (it holds " + names + ")")));
        }
        throw new InvalidInputException(
                hpaFile + ": holds several HPAs (" + names + "): pick one with --hpa [NAMESPACE/]NAME");
    }

    private static int minReplicas(HpaFacts facts) {
        facts.replicaBoundsProblem().ifPresent(problem -> {
            throw new InvalidInputException(facts.key() + ": " + problem);
        });
        return facts.minReplicas();
    }

    private static Optional<Behavior> behavior(HorizontalPodAutoscaler hpa, HpaFacts facts) {
        try {
            return HpaBehaviors.read(hpa);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(facts.key() + ": " + e.getMessage());
        }
    }

    private static void checkDelay(String flag, Duration value) {
        if (value.compareTo(MAX_DELAY) > 0) {
            throw new UsageException(flag + " must be whole seconds from 0s to 1h, got " + Durations.format(value));
        }
    }
}
