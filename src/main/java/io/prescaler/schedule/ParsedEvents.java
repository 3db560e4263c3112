package io.prescaler.schedule;

import java.util.List;
import java.util.stream.Collectors;

/** The events file read: the valid events, and every problem of the entries that were skipped. */
public record ParsedEvents(EventCalendar calendar, List<EventProblem> problems) {

    public ParsedEvents {
        problems = List.copyOf(problems);
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }

    /** Every problem in one line, as logs and Kubernetes Events show them. */
    public String problemsMessage() {
        return "invalid prescaling events (skipped): "
                + problems.stream().map(EventProblem::message).collect(Collectors.joining("; "));
    }
}
