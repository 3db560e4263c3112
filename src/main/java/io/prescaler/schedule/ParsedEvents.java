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

    /**
     * The file as a whole cannot be read (not YAML, not a list of events): then nothing it says can be trusted, not
     * even that no event is active, and {@code events apply} must touch no HPA.
     */
    public boolean isUnreadable() {
        return problems.stream().anyMatch(EventProblem::isAboutTheFile);
    }

    /**
     * Whether HPAs carrying {@code eventName} should keep their event annotations as they are: no valid event bears
     * the name, and an entry skipped as invalid does (or bears no readable name, so may be it). A typo in a running
     * event must not remove its multiplier; its {@code event.end} still bounds it.
     */
    public boolean holds(String eventName) {
        if (eventName == null
                || calendar.events().stream().anyMatch(e -> e.name().equals(eventName))) {
            return false;
        }
        return problems.stream()
                .filter(p -> !p.isAboutTheFile())
                .anyMatch(p -> p.eventName() == null || p.eventName().equals(eventName));
    }

    /** Every problem in one line, as logs and Kubernetes Events show them. */
    public String problemsMessage() {
        return "invalid prescaling events (skipped): "
                + problems.stream().map(EventProblem::message).collect(Collectors.joining("; "));
    }
}
