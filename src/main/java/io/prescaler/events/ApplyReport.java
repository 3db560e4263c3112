package io.prescaler.events;

import io.prescaler.schedule.EventAnnotations;
import io.prescaler.schedule.EventOccurrence;
import io.prescaler.schedule.EventProblem;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What one run of {@code events apply} did.
 *
 * @param changes the changes made (or, in a dry run, that would have been made), as {@code namespace/name: what}
 */
public record ApplyReport(
        int scanned,
        int patched,
        int unchanged,
        int failed,
        List<EventOccurrence> active,
        List<String> changes,
        List<EventProblem> problems,
        boolean dryRun) {

    public ApplyReport {
        active = List.copyOf(active);
        changes = List.copyOf(changes);
        problems = List.copyOf(problems);
    }

    /** Failures of any kind (an HPA not patched, a bad event entry) make the job fail, so retries and alerts see it. */
    public boolean succeeded() {
        return failed == 0 && problems.isEmpty();
    }

    /** The one summary line printed at the end of a run. */
    public String summary() {
        String events = active.isEmpty()
                ? "none"
                : active.stream()
                        .map(o -> o.name() + " x" + EventAnnotations.plain(o.multiplier()) + " until " + o.end())
                        .collect(Collectors.joining(", "));
        return (dryRun ? "events apply (dry run): " : "events apply: ")
                + scanned + " HPAs scanned, " + patched + (dryRun ? " to patch, " : " patched, ")
                + unchanged + " unchanged, " + failed + " failed; active events: " + events
                + (problems.isEmpty() ? "" : "; " + problems.size() + " invalid event entries skipped");
    }
}
