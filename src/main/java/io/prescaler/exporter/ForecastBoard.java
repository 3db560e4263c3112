package io.prescaler.exporter;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the refresh loop leaves each HPA's {@link ForecastView} for the scrapes: the loop writes, the scrapes read,
 * neither waits for the other.
 */
public final class ForecastBoard {

    private final Map<String, ForecastView> views = new ConcurrentHashMap<>();
    private final Duration staleAfter;

    public ForecastBoard(Duration staleAfter) {
        this.staleAfter = staleAfter;
    }

    Duration staleAfter() {
        return staleAfter;
    }

    Optional<ForecastView> view(String key) {
        return Optional.ofNullable(views.get(key));
    }

    void put(String key, ForecastView view) {
        views.put(key, view);
    }

    /** Forgets the HPAs no longer asking for a forecast. */
    void retain(java.util.Set<String> keys) {
        views.keySet().retainAll(keys);
    }

    int size() {
        return views.size();
    }
}
