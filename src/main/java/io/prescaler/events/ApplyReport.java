package io.prescaler.events;

import io.prescaler.schedule.EventAnnotations;
import io.prescaler.schedule.EventOccurrence;
import io.prescaler.schedule.EventProblem;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What one run of {@code events apply} did.
 *
 * @param scaledObjects how many of the {@code scanned} objects are KEDA ScaledObjects (the others are HPAs)
 * @param unchanged the HPAs left as they were, {@code held} included
 * @param held the HPAs left as they were because they carry an event whose entry was skipped as invalid
 * @param changes the changes made (or, in a dry run, that would have been made), as {@code namespace/name: what}
 * @param failures one line per HPA that could not be patched: {@code namespace/name}, the HTTP status, the
 *     server's message
 */
public record ApplyReport(
        int scanned,
        int patched,
        int unchanged,
        int held,
        List<EventOccurrence> active,
        List<String> changes,
        List<String> failures,
        List<EventProblem> problems,
        boolean dryRun,
        int scaledObjects) {

    /** A run over HPAs only. */
    public ApplyReport(
            int scanned,
            int patched,
            int unchanged,
            int held,
            List<EventOccurrence> active,
            List<String> changes,
            List<String> failures,
            List<EventProblem> problems,
            boolean dryRun) {
        this(scanned, patched, unchanged, held, active, changes, failures, problems, dryRun, 0);
    }

    public ApplyReport {
        active = List.copyOf(active);
        changes = List.copyOf(changes);
        failures = List.copyOf(failures);
        problems = List.copyOf(problems);
    }

    public int failed() {
        return failures.size();
    }

    /** Failures of any kind (an HPA not patched, a bad event entry) make the job fail, so retries and alerts see it. */
    public boolean succeeded() {
        return failures.isEmpty() && problems.isEmpty();
    }

    /** The one summary line printed at the end of a run. */
    public String summary() {
        String events = active.isEmpty()
                ? "none"
                : active.stream()
                        .map(o -> o.name() + " x" + EventAnnotations.plain(o.multiplier()) + " until " + o.end())
                        .collect(Collectors.joining(", "));
        return (dryRun ? "events apply (dry run): " : "events apply: ")
                + (scaledObjects == 0
                        ? scanned + " HPAs scanned, "
                        : (scanned - scaledObjects) + " HPAs and " + scaledObjects + " ScaledObjects scanned, ")
                + patched + (dryRun ? " to patch, " : " patched, ")
                + unchanged + " unchanged, " + failed() + " failed; active events: " + events
                + (problems.isEmpty() ? "" : "; " + problems.size() + " invalid event entries skipped")
                + (held == 0
                        ? ""
                        : " (" + held + " HPAs carrying their events kept as they are until their event.end)");
    }
}
