package io.prescaler.events;

/** The events ConfigMap cannot be read at all: the run touches no HPA. */
public final class EventsUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EventsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
