package io.prescaler.replay;

import io.prescaler.demand.DemandCurve;
import io.prescaler.hpa.Capacity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How one policy served the demand, second by second from {@code from} to {@code to}: the shortfall is
 * max(0, demand - Ready pods).
 *
 * @param underProvisionedReplicaMinutes the integral of the shortfall
 * @param peakShortfall the largest shortfall
 * @param minutesShort the time with any shortfall
 * @param onsets how many times the demand rose above the Ready pods
 * @param lateAtOnsetP50Seconds the median, over the onsets, of the time until the Ready pods caught up (an onset
 *     still short at {@code to} counts until {@code to}); 0 without onsets
 * @param lateAtOnsetMaxSeconds the longest of the same
 * @param podHours the integral of the pods, Ready or starting
 * @param demandHours the integral of the demand, for comparison
 */
public record ReplayFigures(
        double underProvisionedReplicaMinutes,
        double peakShortfall,
        double minutesShort,
        int onsets,
        double lateAtOnsetP50Seconds,
        double lateAtOnsetMaxSeconds,
        double podHours,
        double demandHours) {

    public static ReplayFigures of(PolicyRun run, DemandCurve demand, Instant from, Instant to) {
        Capacity.Cursor capacity = run.capacity().cursor();
        DemandCurve.Cursor curve = demand.cursor();
        double shortfallSeconds = 0;
        double peak = 0;
        long secondsShort = 0;
        double podSeconds = 0;
        double demandSeconds = 0;
        List<Long> lates = new ArrayList<>();
        long onsetAt = Long.MIN_VALUE;
        long end = to.getEpochSecond();
        for (long second = from.getEpochSecond(); second < end; second++) {
            capacity.moveTo(second);
            double wanted = curve.at(second);
            double shortfall = Math.max(0, wanted - capacity.ready());
            podSeconds += capacity.pods();
            demandSeconds += wanted;
            if (shortfall > 0) {
                shortfallSeconds += shortfall;
                peak = Math.max(peak, shortfall);
                secondsShort++;
                if (onsetAt == Long.MIN_VALUE) {
                    onsetAt = second;
                }
            } else if (onsetAt != Long.MIN_VALUE) {
                lates.add(second - onsetAt);
                onsetAt = Long.MIN_VALUE;
            }
        }
        if (onsetAt != Long.MIN_VALUE) {
            lates.add(end - onsetAt);
        }
        Collections.sort(lates);
        return new ReplayFigures(
                shortfallSeconds / 60,
                peak,
                secondsShort / 60.0,
                lates.size(),
                lates.isEmpty() ? 0 : lates.get((lates.size() - 1) / 2),
                lates.isEmpty() ? 0 : lates.get(lates.size() - 1),
                podSeconds / 3600,
                demandSeconds / 3600);
    }
}
