package io.prescaler.plan;

import io.prescaler.forecast.ForecastTimeline;
import io.prescaler.hpa.ToleranceTest;
import io.prescaler.schedule.Durations;
import io.prescaler.schedule.EventAnnotations;
import io.prescaler.schedule.EventOccurrence;
import io.prescaler.schedule.MetricEncoding;
import io.prescaler.schedule.PrescalingWindow;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Renders a day's plan as terminal tables, one per HPA. Consecutive steps that would print the same row are
 * merged into one time range, so a day at a 5-minute step stays a screenful.
 */
public final class PlanTable {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter HH_MM_SS = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final String[] HEADERS = {"TIME", "WINDOW", "EVENT", "MIN", "DIRECT", "LEGACY", "REPLICAS"};
    private static final String[] WITH_FORECAST = {
        "TIME", "WINDOW", "EVENT", "MIN", "FORECAST", "DIRECT", "LEGACY", "REPLICAS"
    };

    private PlanTable() {}

    public static String render(DayPlan plan) {
        return render(plan, Map.of());
    }

    /**
     * The plan with a FORECAST column for the HPAs in {@code forecasts} (by {@code namespace/name}): the floor the
     * forecast would hold at each step, learnt from the demand before it ({@code -} while it is not ready). It is
     * shown beside the schedule's minimum, not added to it: MIN, DIRECT, LEGACY and REPLICAS stay the schedule's.
     */
    public static String render(DayPlan plan, Map<String, ForecastTimeline> forecasts) {
        StringBuilder out = new StringBuilder();
        out.append("Plan for ")
                .append(plan.date().getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH))
                .append(' ')
                .append(plan.date())
                .append(" (")
                .append(plan.zone())
                .append("), step ")
                .append(Durations.format(plan.step()))
                .append('\n');
        if (plan.occurrences().isEmpty()) {
            out.append("Events of the day: none\n");
        } else {
            out.append("Events of the day:\n");
            for (EventOccurrence o : plan.occurrences()) {
                out.append("  ")
                        .append(o.name())
                        .append(" x")
                        .append(EventAnnotations.plain(o.multiplier()))
                        .append("  active ")
                        .append(clock(o.activeFrom(), plan))
                        .append('-')
                        .append(clock(o.end(), plan))
                        .append(
                                o.event().lead().isZero()
                                        ? ""
                                        : " (starts " + clock(o.start(), plan) + ", lead "
                                                + Durations.format(o.event().lead()) + ")")
                        .append("  for ")
                        .append(scope(o))
                        .append('\n');
            }
        }
        for (HpaPlan hpa : plan.hpas()) {
            out.append('\n').append(header(hpa)).append('\n');
            warnings(hpa, plan).forEach(w -> out.append("  warning: ").append(w).append('\n'));
            ForecastTimeline forecast = forecasts.get(hpa.hpa().key());
            out.append(table(forecast == null ? HEADERS : WITH_FORECAST, rows(hpa, plan, forecast)));
        }
        out.append("\nMIN: effective minimum; DIRECT: prescaling_min_replicas (AverageValue 1); LEGACY:"
                        + " annotation_scaling_min_replica (Value 10), as the exporter publishes them;\nREPLICAS: the HPA"
                        + " controller model (Kubernetes ")
                .append(plan.assumptions().kubernetesVersion())
                .append(", 15 s syncs, metrics delay ")
                .append(Durations.format(plan.assumptions().pipelineDelay()))
                .append(", each HPA's min/max and behavior);\ntraffic held at minReplicas, so REPLICAS shows what"
                        + " prescaling alone does.\n");
        if (!forecasts.isEmpty()) {
            out.append("FORECAST: the floor the forecast would hold, learnt from the --demand history before each"
                    + " step (refreshed every 5m; - while not ready);\nshown beside MIN, not in it: backtest it"
                    + " with replay --policy schedule+forecast.\n");
        }
        return out.toString();
    }

    private static String scope(EventOccurrence o) {
        String namespaces = o.event().namespaces().isEmpty()
                ? "all namespaces"
                : "namespaces "
                        + String.join(
                                ",", o.event().namespaces().stream().sorted().toList());
        return namespaces + ", " + o.event().selector();
    }

    static String header(HpaPlan hpa) {
        PrescalingWindow w = hpa.spec().window();
        return hpa.hpa().key() + ": min " + hpa.spec().minReplicas() + " from " + w.start() + " to " + w.end()
                + (w.days().isEveryDay() ? " every day" : " on " + w.days()) + " (" + w.zone() + ")" + lead(w)
                + "; HPA "
                + hpa.minReplicas() + ".." + hpa.hpa().maxReplicas() + "; "
                + hpa.encoding()
                        .map(e -> "consumes " + e.metricName())
                        .orElse("consumes no prescaling metric (run it through the webhook or `mutate`)");
    }

    /** When a lead opens the window before its start: {@code , opens 19:20 (lead 10m)}; nothing without one. */
    private static String lead(PrescalingWindow w) {
        if (w.lead().isZero()) {
            return "";
        }
        return ", opens " + w.opens() + (w.opensTheDayBefore() ? " the day before" : "") + " (lead "
                + Durations.format(w.lead()) + ")";
    }

    /** What the HPA model says prescaling fails to hold, and why when the cause is known. */
    static List<String> warnings(HpaPlan hpa, DayPlan plan) {
        List<String> warnings = new ArrayList<>();
        if (!hpa.shortfalls().isEmpty()
                && hpa.encoding().equals(Optional.of(MetricEncoding.LEGACY))
                && plan.assumptions().kubernetesVersion().toleranceTest() == ToleranceTest.FROM_1_33) {
            warnings.add(MetricEncoding.LEGACY.metricName() + " cannot scale on Kubernetes >= 1.33; use "
                    + MetricEncoding.DIRECT.metricName());
        }
        for (Shortfall s : hpa.shortfalls()) {
            warnings.add("replicas stay below the minimum " + s.minimum() + " from " + clock(s.from(), plan) + " to "
                    + clock(s.to(), plan) + " (at most " + s.highest() + ")");
        }
        return warnings;
    }

    private static List<String[]> rows(HpaPlan hpa, DayPlan plan, ForecastTimeline forecast) {
        List<String[]> rows = new ArrayList<>();
        List<PlanStep> steps = hpa.steps();
        int first = 0;
        for (int i = 1; i <= steps.size(); i++) {
            if (i == steps.size()
                    || !steps.get(i).sameAs(steps.get(first))
                    || !forecastCell(forecast, steps.get(i)).equals(forecastCell(forecast, steps.get(first)))) {
                PlanStep s = steps.get(first);
                Instant end = i == steps.size() ? plan.to() : steps.get(i).at();
                List<String> cells = new ArrayList<>(List.of(
                        clock(s.at(), plan) + "-" + clock(end, plan),
                        s.windowOpen() ? "open" : "closed",
                        s.event()
                                .map(e -> e.name() + " x" + EventAnnotations.plain(e.multiplier()))
                                .orElse("-"),
                        Integer.toString(s.minimum())));
                if (forecast != null) {
                    cells.add(forecastCell(forecast, s));
                }
                cells.add(Long.toString(s.directValue()));
                cells.add(Long.toString(s.legacyValue()));
                cells.add(Integer.toString(s.replicas()));
                rows.add(cells.toArray(String[]::new));
                first = i;
            }
        }
        return rows;
    }

    private static String forecastCell(ForecastTimeline forecast, PlanStep step) {
        if (forecast == null) {
            return "";
        }
        return forecast.readyAt(step.at()) ? Integer.toString(forecast.replicasAt(step.at())) : "-";
    }

    private static String table(String[] headers, List<String[]> rows) {
        int[] widths = new int[headers.length];
        for (int c = 0; c < headers.length; c++) {
            widths[c] = headers[c].length();
            for (String[] row : rows) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, headers, widths);
        rows.forEach(row -> line(out, row, widths));
        return out.toString();
    }

    private static void line(StringBuilder out, String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder("  ");
        for (int c = 0; c < cells.length; c++) {
            boolean numeric = c >= 3;
            String cell = cells[c];
            String pad = " ".repeat(widths[c] - cell.length());
            line.append(numeric ? pad + cell : cell + pad);
            if (c < cells.length - 1) {
                line.append("  ");
            }
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    /** Local wall-clock time, with seconds only when they are not 0; the next day's midnight prints as 24:00. */
    static String clock(Instant instant, DayPlan plan) {
        ZonedDateTime local = instant.atZone(plan.zone());
        DateTimeFormatter format = local.getSecond() == 0 ? HH_MM : HH_MM_SS;
        if (!local.toLocalDate().equals(plan.date())) {
            if (instant.equals(plan.to())) {
                return "24:00";
            }
            return local.toLocalDate().isBefore(plan.date())
                    ? "(" + local.toLocalDate() + ") " + format.format(local)
                    : format.format(local) + " (+1d)";
        }
        return format.format(local);
    }
}
