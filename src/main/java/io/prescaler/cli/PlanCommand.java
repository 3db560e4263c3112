package io.prescaler.cli;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.prescaler.cluster.ClusterConnection;
import io.prescaler.cluster.ClusterReader;
import io.prescaler.cluster.ConfigMapRef;
import io.prescaler.demand.DemandCurve;
import io.prescaler.events.EventsApplyConfig;
import io.prescaler.failure.InvalidInputException;
import io.prescaler.forecast.ForecastAnnotations;
import io.prescaler.forecast.ForecastReading;
import io.prescaler.forecast.ForecastSettings;
import io.prescaler.forecast.ForecastTimeline;
import io.prescaler.forecast.SeasonalForecaster;
import io.prescaler.forecast.TrainingExclusions;
import io.prescaler.input.EventsYaml;
import io.prescaler.input.HpaManifests;
import io.prescaler.input.InputReader;
import io.prescaler.kube.HpaBehaviors;
import io.prescaler.kube.HpaFacts;
import io.prescaler.plan.DayPlan;
import io.prescaler.plan.DayPlanner;
import io.prescaler.plan.HpaPlan;
import io.prescaler.plan.PlanAssumptions;
import io.prescaler.plan.PlanChart;
import io.prescaler.plan.PlanTable;
import io.prescaler.replay.DemandCsv;
import io.prescaler.schedule.AnnotationParser;
import io.prescaler.schedule.AnnotationProblem;
import io.prescaler.schedule.AnnotationReading;
import io.prescaler.schedule.EventProblem;
import io.prescaler.schedule.ParsedEvents;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "plan",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Shows what prescaling will do to each HPA over a day: the window, the event and its multiplier, the"
                    + " effective minimum, both metric values and the replicas the HPA reaches in a model of the"
                    + " Kubernetes HPA controller (15 s syncs, the HPA's min/max and behavior, traffic held at"
                    + " minReplicas: what prescaling alone does). Offline from manifests and an events file, or"
                    + " read-only from a cluster when no FILE is given.",
            "Exit status: 0; 1 when an HPA's annotations, its spec.behavior or an event entry are invalid (same messages as the webhook"
                    + " and events apply) or an input cannot be read; 2 for bad flags."
        })
final class PlanCommand implements Callable<Integer> {

    @Parameters(
            paramLabel = "FILE",
            arity = "0..*",
            description = "HPA manifests (multi-document YAML, `-` for stdin). None: read the cluster's HPAs.")
    List<String> files = new ArrayList<>();

    @Option(
            names = "--date",
            paramLabel = "YYYY-MM-DD",
            converter = DateConverter.class,
            description = "The day to plan, local to --timezone (default: today).")
    LocalDate date;

    @Option(
            names = "--step",
            paramLabel = "DURATION",
            defaultValue = "5m",
            converter = DurationConverter.Positive.class,
            description = "Time between two rows before identical rows are merged (default: ${DEFAULT-VALUE}).")
    Duration step;

    @Option(names = "--svg", paramLabel = "FILE", description = "Also write the day as an SVG chart to FILE.")
    Path svg;

    @Mixin
    HpaModelOptions model;

    @Option(
            names = "--initial-replicas",
            paramLabel = "N",
            converter = CountConverter.NonNegative.class,
            description = "The replicas every Deployment runs when the model starts, two hours before the day"
                    + " (default: the HPA's status.currentReplicas when it has one, else its minReplicas).")
    Integer initialReplicas;

    @Option(
            names = "--events",
            paramLabel = "FILE",
            description = "The events file (the events.yaml of the ConfigMap). Default: none offline; the"
                    + " ConfigMap of --configmap when reading a cluster.")
    Path events;

    @Option(
            names = "--configmap",
            paramLabel = "[NAMESPACE/]NAME",
            converter = ConfigMapRefConverter.class,
            description = "The events ConfigMap read from the cluster when no FILE is given: NAME alone is in the"
                    + " kubeconfig's namespace (default: " + ConfigMapRef.DEFAULT_NAME + ").")
    ConfigMapRef configMap = ConfigMapRef.DEFAULT;

    @Option(
            names = "--demand",
            paramLabel = "FILE.csv",
            description = "Demand history (the replay CSV: `time,demand`) of the HPA planned: adds a FORECAST column,"
                    + " the floor the forecast would hold at each step, learnt from the demand before it (at most"
                    + " 5 weeks). Without it, plan cannot show a forecast and says so for the HPAs that have one.")
    String demandFile;

    @Mixin
    SharedOptions shared;

    @Mixin
    KubernetesOptions kubernetes;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ZoneId zone = shared.zone();
        LocalDate day = date != null ? date : LocalDate.now(Clock.system(zone));
        List<HorizontalPodAutoscaler> hpas = new ArrayList<>();
        boolean bad = false;
        InputReader inputs = new InputReader(System.in);
        String eventsText =
                events == null ? null : inputs.read(events.toString()).text();
        String eventsSource = events == null ? "events" : events.toString();
        if (files.isEmpty()) {
            try (ClusterConnection connection = kubernetes.connect()) {
                ClusterReader cluster = new ClusterReader(connection);
                hpas.addAll(cluster.hpas());
                if (eventsText == null) {
                    ConfigMapRef where = configMap.in(connection.namespace());
                    Optional<ConfigMap> cm = cluster.configMap(where);
                    eventsSource = "ConfigMap " + where;
                    eventsText = cm.map(ConfigMap::getData)
                            .map(data -> data.get(EventsApplyConfig.DEFAULT_KEY))
                            .orElse(null);
                    if (eventsText == null) {
                        err.println("plan: note: " + eventsSource
                                + (cm.isEmpty()
                                        ? " does not exist"
                                        : " has no " + EventsApplyConfig.DEFAULT_KEY + " key")
                                + "; planning without special events (name another with --configmap or --events)");
                    }
                }
            }
        } else {
            for (String file : files) {
                // One unreadable file or bad HPA is reported and the rest still planned, as the other commands do.
                try {
                    HpaManifests.Reading reading = HpaManifests.read(inputs.read(file), shared.keys());
                    reading.notes().forEach(note -> err.println("plan: note: " + note));
                    reading.errors().forEach(error -> err.println("plan: " + error));
                    bad |= !reading.errors().isEmpty();
                    hpas.addAll(reading.hpas());
                } catch (InvalidInputException e) {
                    err.println("plan: " + e.getMessage());
                    bad = true;
                }
            }
        }

        PlanAssumptions assumptions = new PlanAssumptions(
                model.kubernetesVersion,
                model.pipelineDelay,
                initialReplicas == null ? OptionalInt.empty() : OptionalInt.of(initialReplicas));
        ParsedEvents parsed = EventsYaml.read(eventsText, zone);
        for (EventProblem problem : parsed.problems()) {
            err.println("plan: " + eventsSource + ": " + problem.message());
            bad = true;
        }
        AnnotationParser parser = shared.parser();
        List<DayPlanner.Planned> planned = new ArrayList<>();
        Map<String, ForecastSettings> forecastSettings = new HashMap<>();
        DemandCurve demand = demandFile == null
                ? null
                : DemandCsv.parse(inputs.read(demandFile).text(), demandFile);
        for (HorizontalPodAutoscaler hpa : hpas) {
            HpaFacts facts = HpaFacts.of(hpa);
            AnnotationReading reading = parser.read(DayPlanner.withoutEventKeys(facts.annotations(), parser.keys()));
            ForecastReading forecastReading = ForecastAnnotations.read(parser.keys(), facts.annotations());
            parser.hints(facts.annotations())
                    .forEach(hint -> err.println("plan: " + facts.key() + ": warning: " + hint));
            if (forecastReading instanceof ForecastReading.Invalid invalid) {
                List<AnnotationProblem> problems = new ArrayList<>();
                if (reading instanceof AnnotationReading.Invalid window) {
                    problems.addAll(window.problems());
                }
                problems.addAll(invalid.problems());
                reading = new AnnotationReading.Invalid(problems);
            } else if (forecastReading instanceof ForecastReading.Valid valid) {
                forecastSettings.put(facts.key(), valid.settings());
                if (demand == null) {
                    err.println("plan: note: " + facts.key() + " has a forecast ("
                            + parser.keys().forecast() + ": "
                            + valid.settings().mode().name().toLowerCase(Locale.ROOT) + "): plan cannot show it"
                            + " without its demand history; give it with --demand FILE.csv");
                }
                if (reading instanceof AnnotationReading.NotPrescaled) {
                    err.println("plan: note: " + facts.key() + " is forecast-only: plan shows daily windows and"
                            + " events; backtest its forecast with replay --policy forecast");
                }
            }
            if (reading instanceof AnnotationReading.Invalid invalid) {
                err.println("plan: " + facts.key() + ": " + invalid.message());
                bad = true;
            } else if (reading instanceof AnnotationReading.Valid valid) {
                Optional<String> bounds = facts.replicaBoundsProblem();
                if (bounds.isPresent()) {
                    err.println("plan: " + facts.key() + ": " + bounds.get());
                    bad = true;
                    continue;
                }
                try {
                    planned.add(
                            new DayPlanner.Planned(facts, valid.spec(), facts.minReplicas(), HpaBehaviors.read(hpa)));
                } catch (IllegalArgumentException e) {
                    err.println("plan: " + facts.key() + ": " + e.getMessage());
                    bad = true;
                }
            }
        }
        if (planned.isEmpty()) {
            // Nothing to plan: an empty table would only hide the problems printed above.
            if (!bad) {
                err.println("plan: no prescaled autoscaling/v2 HPA in "
                        + (files.isEmpty() ? "the cluster" : String.join(", ", files)));
            }
            err.flush();
            return 1;
        }
        DayPlan plan = new DayPlanner(parsed.calendar(), assumptions).plan(day, zone, step, planned);
        for (String failure : plan.failures()) {
            err.println("plan: " + failure);
            bad = true;
        }
        Map<String, ForecastTimeline> forecasts = new HashMap<>();
        if (demand != null) {
            for (HpaPlan hpa : plan.hpas()) {
                ForecastSettings settings =
                        forecastSettings.getOrDefault(hpa.hpa().key(), ForecastSettings.DEFAULTS);
                Instant read = plan.from().minus(SeasonalForecaster.MAX_HISTORY);
                forecasts.put(
                        hpa.hpa().key(),
                        ForecastTimeline.of(
                                SeasonalForecaster.of(
                                        settings, hpa.spec().window().zone()),
                                demand,
                                TrainingExclusions.of(
                                        parsed.calendar(),
                                        hpa.hpa().namespace(),
                                        hpa.hpa().labels(),
                                        read.isBefore(demand.first()) ? demand.first() : read,
                                        plan.to()),
                                settings.horizonWithLead(hpa.spec().window().lead()),
                                plan.from(),
                                plan.to()));
            }
        }
        out.print(PlanTable.render(plan, forecasts));
        if (svg != null) {
            Files.writeString(svg, PlanChart.render(plan), StandardCharsets.UTF_8);
            out.println("SVG chart written to " + svg);
        }
        out.flush();
        err.flush();
        return bad ? 1 : 0;
    }
}
