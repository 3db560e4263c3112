package io.prescaler.bench;

import io.prescaler.demand.DemandCurve;
import io.prescaler.forecast.ForecastSettings;
import io.prescaler.forecast.ForecastTimeline;
import io.prescaler.forecast.SeasonalForecaster;
import io.prescaler.hpa.ToleranceTest;
import io.prescaler.replay.DemandCsv;
import io.prescaler.replay.DemandFloor;
import io.prescaler.replay.ForecastFloor;
import io.prescaler.replay.LastWeekFloor;
import io.prescaler.replay.Policy;
import io.prescaler.replay.PolicyPart;
import io.prescaler.replay.ReplayAssumptions;
import io.prescaler.replay.ReplayFigures;
import io.prescaler.replay.ReplayedHpa;
import io.prescaler.replay.Replayer;
import io.prescaler.schedule.EffectiveMinimum;
import io.prescaler.schedule.MetricEncoding;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How long {@code replay} takes over 28 days at one-minute demand steps (the shipped four-week example), per
 * policy, as the command runs it: the demand floors computed (the forecast refreshed every 5 minutes over the 28
 * days, each refresh trained on the 5 weeks before it), then the HPA model at 15 s syncs, then the figures.
 */
public final class ReplayBench implements BenchSuite {

    private static final int RUNS = 3;
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private final Path curve;

    public ReplayBench(Path curve) {
        this.curve = curve;
    }

    @Override
    public String name() {
        return "replay";
    }

    @Override
    public String description() {
        return "seconds to replay 28 days at 1-minute demand steps per policy (reactive, last-week, forecast,"
                + " schedule+forecast), floors included";
    }

    @Override
    public BenchResult run() throws Exception {
        DemandCurve demand = DemandCsv.parse(Files.readString(curve, StandardCharsets.UTF_8), curve.toString());
        Instant from = demand.first();
        Instant to = demand.last();
        ReplayAssumptions assumptions =
                new ReplayAssumptions(Duration.ofSeconds(60), Duration.ofSeconds(30), ToleranceTest.FROM_1_33);
        List<List<String>> rows = new ArrayList<>();
        for (String label : List.of("reactive", "last-week", "forecast", "schedule+forecast")) {
            Policy policy = Policy.parse(label);
            double[] seconds = new double[RUNS];
            double[] floorSeconds = new double[RUNS];
            for (int run = -1; run < RUNS; run++) {
                long start = System.nanoTime();
                Map<PolicyPart, DemandFloor> floors = new EnumMap<>(PolicyPart.class);
                if (policy.includes(PolicyPart.FORECAST)) {
                    floors.put(
                            PolicyPart.FORECAST,
                            ForecastFloor.of(
                                    SeasonalForecaster.of(ForecastSettings.DEFAULTS, PARIS),
                                    demand,
                                    List.of(),
                                    Duration.ofMinutes(15),
                                    from,
                                    to));
                }
                if (policy.includes(PolicyPart.LAST_WEEK)) {
                    floors.put(PolicyPart.LAST_WEEK, LastWeekFloor.of(demand, from, to));
                }
                long floorsDone = System.nanoTime();
                ReplayedHpa hpa = new ReplayedHpa(
                        "shop/front",
                        2,
                        100,
                        Optional.empty(),
                        MetricEncoding.DIRECT,
                        at -> EffectiveMinimum.NONE,
                        floors);
                ReplayFigures.of(Replayer.run(hpa, policy, demand, assumptions, from, to), demand, from, to);
                long end = System.nanoTime();
                if (run >= 0) {
                    seconds[run] = (end - start) / 1e9;
                    floorSeconds[run] = (floorsDone - start) / 1e9;
                }
            }
            Arrays.sort(seconds);
            Arrays.sort(floorSeconds);
            rows.add(List.of(
                    label,
                    String.format(Locale.ROOT, "%.2f", seconds[RUNS / 2]),
                    String.format(Locale.ROOT, "%.2f", floorSeconds[RUNS / 2]),
                    String.format(Locale.ROOT, "%.2f", seconds[RUNS - 1])));
        }
        int refreshes = (int) (Duration.between(from, to).toMinutes() / ForecastTimeline.REFRESH.toMinutes());
        return new BenchResult(
                name(),
                "replay of 28 days at 1-minute steps (" + demand.points() + " rows), per policy",
                List.of("policy", "median s", "of which floors s", "max s"),
                rows,
                List.of(
                        "median and max of " + RUNS + " runs after one warm-up, in one JVM",
                        "the forecast floor is " + refreshes + " forecasts (one per 5 minutes), each reading up to"
                                + " 5 weeks of minutes and checking the last week at every quarter hour",
                        "the HPA model runs 15 s syncs: "
                                + Duration.between(from, to).toSeconds() / 15 + " syncs per policy"));
    }
}
