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
    private final java.util.concurrent.atomic.AtomicLong queries = new java.util.concurrent.atomic.AtomicLong();
    private volatile Duration lastRound = Duration.ZERO;

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

    /** A refresh round ended: how long it took and how many requests it sent to Prometheus. */
    void roundDone(Duration took, int roundQueries) {
        lastRound = took;
        queries.addAndGet(roundQueries);
    }

    /** Requests sent to Prometheus since the start. */
    long queries() {
        return queries.get();
    }

    /** How long the last refresh round took; zero before the first. */
    Duration lastRound() {
        return lastRound;
    }
}
