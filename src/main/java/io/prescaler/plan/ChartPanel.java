package io.prescaler.plan;

import io.prescaler.schedule.EventAnnotations;
import io.prescaler.schedule.EventOccurrence;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * One HPA's panel of the chart, laid out before anything is drawn: the header lines, the plot area, the axes, the
 * shaded spans, the two lines and the boxes of the event labels.
 *
 * @param top the panel's first y in the chart
 * @param windows the spans of the window, as boxes over the plot's height
 * @param events the spans of every event, each with its label's box (empty when no free place was found)
 */
record ChartPanel(
        HpaPlan hpa,
        double top,
        String title,
        String subtitle,
        List<String> warnings,
        ChartBox plot,
        TimeAxis time,
        RoundTicks ticks,
        List<ChartBox> windows,
        List<EventSpan> events,
        ChartLine minimum,
        ChartLine replicas) {

    static final double WIDTH = 960;
    static final double LEFT = 56;
    static final double RIGHT = 24;
    static final double HEADER = 52;
    static final double LINE = 14;
    static final double PLOT_HEIGHT = 152;
    /** Below the plot: the time labels, then the legend. */
    static final double FOOTER = 48;
    /** Room above the highest value, so that labels find rows the lines do not cross. */
    static final double HEADROOM = 1.2;

    /** An event's span on the plot and its label. */
    record EventSpan(ChartBox area, String label, Optional<ChartBox> labelBox) {}

    static ChartPanel of(DayPlan plan, HpaPlan hpa, double top) {
        // The table's header is one long line; in the chart its first clause is the title and the rest a subtitle.
        String header = PlanTable.header(hpa);
        int cut = header.indexOf("; ");
        String title = cut < 0 ? header : header.substring(0, cut);
        String subtitle = cut < 0 ? "" : header.substring(cut + 2);
        List<String> warnings = PlanTable.warnings(hpa, plan);
        double plotTop = top + HEADER + LINE * warnings.size();
        ChartBox plot = new ChartBox(LEFT, plotTop, WIDTH - LEFT - RIGHT, PLOT_HEIGHT);
        TimeAxis time = TimeAxis.of(plan, plot);
        List<PlanStep> steps = hpa.steps();
        int highest = steps.stream()
                .mapToInt(s -> Math.max(s.minimum(), s.replicas()))
                .max()
                .orElse(0);
        RoundTicks ticks = RoundTicks.covering(highest * HEADROOM);
        List<ChartBox> windows = runs(steps, PlanStep::windowOpen, plan.to()).stream()
                .map(run -> area(run, time, plot))
                .toList();
        ChartLine minimum = line(steps, PlanStep::minimum, time, plot, ticks);
        ChartLine replicas = line(steps, PlanStep::replicas, time, plot, ticks);
        List<EventSpan> events = events(steps, plan.to(), time, plot, List.of(minimum, replicas));
        return new ChartPanel(
                hpa, top, title, subtitle, warnings, plot, time, ticks, windows, events, minimum, replicas);
    }

    double height() {
        return plot.bottom() - top + FOOTER;
    }

    double y(double value) {
        return y(plot, ticks, value);
    }

    private static double y(ChartBox plot, RoundTicks ticks, double value) {
        return plot.bottom() - plot.height() * value / ticks.top();
    }

    /** A run of consecutive steps: from the first one's instant to the next step's (or the day's end). */
    record Run(Instant from, Instant to, PlanStep first) {}

    static List<Run> runs(List<PlanStep> steps, Predicate<PlanStep> inside, Instant end) {
        List<Run> runs = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= steps.size(); i++) {
            boolean in = i < steps.size() && inside.test(steps.get(i));
            if (in && start < 0) {
                start = i;
            } else if (!in && start >= 0) {
                runs.add(new Run(
                        steps.get(start).at(), i < steps.size() ? steps.get(i).at() : end, steps.get(start)));
                start = -1;
            }
        }
        return runs;
    }

    private static ChartBox area(Run run, TimeAxis time, ChartBox plot) {
        double x1 = time.x(run.from());
        double x2 = time.x(run.to());
        return new ChartBox(x1, plot.y(), Math.max(0.5, x2 - x1), plot.height());
    }

    /** Every event's runs, labelled with its name and multiplier; labels placed once the lines are known. */
    private static List<EventSpan> events(
            List<PlanStep> steps, Instant end, TimeAxis time, ChartBox plot, List<ChartLine> lines) {
        List<String> names = steps.stream()
                .flatMap(s -> s.event().stream())
                .map(EventOccurrence::name)
                .distinct()
                .toList();
        List<ChartBox> areas = new ArrayList<>();
        List<LabelLayout.Label> labels = new ArrayList<>();
        for (String name : names) {
            Predicate<PlanStep> ofEvent =
                    s -> s.event().map(EventOccurrence::name).equals(Optional.of(name));
            for (Run run : runs(steps, ofEvent, end)) {
                ChartBox area = area(run, time, plot);
                EventOccurrence event = run.first().event().orElseThrow();
                areas.add(area);
                labels.add(new LabelLayout.Label(
                        name + " x" + EventAnnotations.plain(event.multiplier()), area.x(), area.right()));
            }
        }
        List<Optional<ChartBox>> boxes = LabelLayout.place(plot, labels, lines);
        List<EventSpan> events = new ArrayList<>();
        for (int i = 0; i < areas.size(); i++) {
            events.add(new EventSpan(areas.get(i), labels.get(i).text(), boxes.get(i)));
        }
        return events;
    }

    /** A stepped line: each value holds until the next step, the last one until the plot's right edge. */
    private static ChartLine line(
            List<PlanStep> steps, ToIntFunction<PlanStep> value, TimeAxis time, ChartBox plot, RoundTicks ticks) {
        List<ChartLine.Point> points = new ArrayList<>();
        double previous = Double.NaN;
        for (PlanStep step : steps) {
            double x = time.x(step.at());
            double y = y(plot, ticks, value.applyAsInt(step));
            if (!Double.isNaN(previous) && previous != y) {
                points.add(new ChartLine.Point(x, previous));
            }
            if (Double.isNaN(previous) || previous != y) {
                points.add(new ChartLine.Point(x, y));
            }
            previous = y;
        }
        if (!points.isEmpty()) {
            points.add(new ChartLine.Point(plot.right(), previous));
        }
        return new ChartLine(points);
    }
}
