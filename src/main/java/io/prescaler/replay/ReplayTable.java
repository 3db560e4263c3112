package io.prescaler.replay;

import io.prescaler.hpa.ToleranceTest;
import io.prescaler.schedule.Durations;
import java.time.ZoneId;
import java.util.Locale;

/** The replay as a table for people: one row per policy. */
public final class ReplayTable {

    /** The policy column widens for longer policies (schedule+forecast). */
    private static final String ROW = "%-Ns %18s %10s %9s %6s %14s %10s %12s%n";

    private static final int POLICY_WIDTH = 10;

    private ReplayTable() {}

    public static String render(ReplayReport report, ZoneId zone) {
        int width = report.results().stream()
                .mapToInt(r -> r.policy().label().length())
                .reduce(POLICY_WIDTH, Math::max);
        String row = ROW.replace("N", Integer.toString(width));
        StringBuilder text = new StringBuilder();
        ReplayAssumptions assumptions = report.assumptions();
        text.append(String.format(
                Locale.ROOT,
                "replay %s from %s to %s (pod start-up %s, pipeline delay %s, %s)%n%n",
                report.hpa(),
                report.from().atZone(zone).toOffsetDateTime(),
                report.to().atZone(zone).toOffsetDateTime(),
                Durations.format(assumptions.podStartup()),
                Durations.format(assumptions.pipelineDelay()),
                assumptions.toleranceTest() == ToleranceTest.FROM_1_33
                        ? "tolerance test of Kubernetes >= 1.33"
                        : "tolerance test of Kubernetes <= 1.32"));
        text.append(String.format(
                Locale.ROOT,
                row,
                "POLICY",
                "UNDER-PROVISIONED",
                "PEAK",
                "MINUTES",
                "RISES",
                "LATE AT RISE",
                "POD-HOURS",
                "EXTRA"));
        text.append(String.format(
                Locale.ROOT, row, "", "(replica-minutes)", "SHORTFALL", "SHORT", "", "p50 / max", "", "VS REACTIVE"));
        for (ReplayReport.Result result : report.results()) {
            ReplayFigures f = result.figures();
            text.append(String.format(
                    Locale.ROOT,
                    row,
                    result.policy().label(),
                    decimal(f.underProvisionedReplicaMinutes()),
                    decimal(f.peakShortfall()),
                    decimal(f.minutesShort()),
                    f.onsets(),
                    seconds(f.lateAtOnsetP50Seconds()) + " / " + seconds(f.lateAtOnsetMaxSeconds()),
                    decimal(f.podHours()),
                    (result.extraPodHoursVsReactive() > 0 ? "+" : "") + decimal(result.extraPodHoursVsReactive())));
        }
        double demandHours = report.results().isEmpty()
                ? 0
                : report.results().get(0).figures().demandHours();
        text.append(String.format(
                Locale.ROOT,
                "%nThe demand asked for %s replica-hours. UNDER-PROVISIONED: the integral of max(0, demand - Ready"
                        + " pods);%nRISES: the times demand rose above the Ready pods; LATE AT RISE: how long until"
                        + " the Ready pods caught up;%nPOD-HOURS: the pods, Ready or starting.%n",
                decimal(demandHours)));
        return text.toString();
    }

    private static String decimal(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String seconds(double value) {
        return String.format(Locale.ROOT, "%.0fs", value);
    }
}
