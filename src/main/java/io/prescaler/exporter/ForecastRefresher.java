package io.prescaler.exporter;

import io.prescaler.demand.DemandCurve;
import io.prescaler.forecast.Forecast;
import io.prescaler.forecast.ForecastAnnotations;
import io.prescaler.forecast.ForecastReading;
import io.prescaler.forecast.ForecastSettings;
import io.prescaler.forecast.Forecaster;
import io.prescaler.forecast.TrainingExclusions;
import io.prescaler.history.DemandSignal;
import io.prescaler.history.QueryFailure;
import io.prescaler.history.RangeResult;
import io.prescaler.kube.HpaFacts;
import io.prescaler.schedule.AnnotationParser;
import io.prescaler.schedule.AnnotationReading;
import io.prescaler.schedule.Durations;
import io.prescaler.schedule.EventCalendar;
import io.prescaler.schedule.TimeSpan;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The forecast's refresh loop, on its own threads, never on the scrape path: every {@code interval}, for each HPA
 * whose forecast annotation is {@code on} or {@code preview}, reads the demand history Prometheus gained since the
 * last read (the first read goes back {@code history} once), keeps it in the HPA's bounded {@link DemandBuffer},
 * calls the {@link Forecaster} with the spans where an event of the events ConfigMap applied to the HPA left out,
 * and leaves the result on the {@link ForecastBoard} the scrapes read.
 *
 * <p>Each HPA is refreshed on its own: one whose query fails is counted and logged (once per change of cause) and
 * keeps its last forecast, which counts for {@code staleAfter} after its last successful read and is then dropped
 * (logged once). Reads go {@code concurrency} at a time; a round longer than the interval delays the next one
 * rather than piling up.
 */
public final class ForecastRefresher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ForecastRefresher.class);

    static final String NO_PROMETHEUS = "the exporter has no --prometheus-url, so it reads no history";

    private final ForecastConfig config;
    private final Supplier<List<HpaFacts>> hpas;
    private final AnnotationParser parser;
    private final Optional<HistorySource> source;
    private final BiFunction<ForecastSettings, ZoneId, Forecaster> forecasters;
    private final Supplier<EventCalendar> events;
    private final Clock clock;
    private final ForecastBoard board;
    private final Map<String, HpaHistory> histories = new ConcurrentHashMap<>();
    private final AtomicLong queries = new AtomicLong();
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(daemon("forecast-refresh"));
    private final ExecutorService readers;
    private boolean loggedNoSource;

    /** What one HPA's refreshes keep from one to the next; touched by one reader at a time. */
    private static final class HpaHistory {
        final String query;
        final DemandBuffer buffer;
        Forecast forecast = new Forecast.NotReady("not refreshed yet", Duration.ZERO);
        Instant lastRefresh;
        long errors;
        String lastProblem;
        /** The end of the last slot read (successfully, samples or none); Long.MIN_VALUE before the first read. */
        long readThrough = Long.MIN_VALUE;

        boolean staleLogged;

        HpaHistory(String query, DemandBuffer buffer) {
            this.query = query;
            this.buffer = buffer;
        }
    }

    /** One round's figures. */
    public record Round(int hpas, int queries, int failed, Duration took) {}

    /**
     * @param source where history is read; empty without {@code --prometheus-url} (every forecast HPA then says it
     *     is not ready, and why, once in the log)
     * @param forecasters the forecaster for an HPA's settings and zone (its window's, else the exporter's)
     * @param events the events calendar, read at the start of each round
     */
    public ForecastRefresher(
            ForecastConfig config,
            Supplier<List<HpaFacts>> hpas,
            AnnotationParser parser,
            Optional<HistorySource> source,
            BiFunction<ForecastSettings, ZoneId, Forecaster> forecasters,
            Supplier<EventCalendar> events,
            Clock clock,
            ForecastBoard board) {
        this.config = config;
        this.hpas = hpas;
        this.parser = parser;
        this.source = source;
        this.forecasters = forecasters;
        this.events = events;
        this.clock = clock;
        this.board = board;
        this.readers = Executors.newFixedThreadPool(config.concurrency(), daemon("forecast-read"));
    }

    /** Refreshes now, then every interval after the end of the previous round. */
    public ForecastRefresher start() {
        scheduler.scheduleWithFixedDelay(this::roundLogged, 0, config.interval().toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void roundLogged() {
        try {
            Round round = refresh();
            LOG.debug(
                    "forecast refresh: {} HPAs, {} queries, {} failed, {} ms",
                    round.hpas(),
                    round.queries(),
                    round.failed(),
                    round.took().toMillis());
        } catch (RuntimeException e) {
            // The loop must survive anything: a round that fails leaves the last forecasts to go stale.
            LOG.error("forecast refresh failed; the next round runs in {}", config.interval(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** HTTP requests sent to Prometheus since the start. */
    public long queries() {
        return queries.get();
    }

    /** One round over every forecast HPA, now; returns when every HPA is done. */
    public synchronized Round refresh() throws InterruptedException {
        long started = System.nanoTime();
        Instant now = clock.instant();
        List<Callable<Boolean>> tasks = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        List<String> withoutSource = new ArrayList<>();
        EventCalendar calendar = null;
        long queriesBefore = queries.get();
        for (HpaFacts hpa : hpas.get()) {
            ForecastReading reading;
            try {
                reading = ForecastAnnotations.read(parser.keys(), hpa.annotations());
            } catch (RuntimeException e) {
                continue; // the collector marks the HPA's annotations as unreadable
            }
            if (!(reading instanceof ForecastReading.Valid valid)) {
                continue;
            }
            keys.add(hpa.key());
            if (source.isEmpty()) {
                withoutSource.add(hpa.key());
                board.put(
                        hpa.key(),
                        new ForecastView(new Forecast.NotReady(NO_PROMETHEUS, Duration.ZERO), Optional.empty(), 0));
                continue;
            }
            if (calendar == null) {
                calendar = events();
            }
            EventCalendar known = calendar;
            tasks.add(() -> refresh(hpa, valid.settings(), known, now));
        }
        histories.keySet().retainAll(keys);
        board.retain(keys);
        if (!withoutSource.isEmpty() && !loggedNoSource) {
            loggedNoSource = true;
            LOG.warn(
                    "{} HPA(s) ask for a forecast ({}{}) but {}: prescaling_forecast_ready is 0 for them and their"
                            + " minimum comes from their window and events alone; start the exporter with"
                            + " --prometheus-url",
                    withoutSource.size(),
                    String.join(", ", withoutSource.subList(0, Math.min(5, withoutSource.size()))),
                    withoutSource.size() > 5 ? ", ..." : "",
                    NO_PROMETHEUS);
        }
        int failed = 0;
        for (var done : readers.invokeAll(tasks)) {
            try {
                if (!done.get()) {
                    failed++;
                }
            } catch (java.util.concurrent.ExecutionException e) {
                failed++;
                LOG.error("forecast refresh of an HPA failed", e.getCause());
            }
        }
        Round round = new Round(
                tasks.size(),
                (int) (queries.get() - queriesBefore),
                failed,
                Duration.ofNanos(System.nanoTime() - started));
        board.roundDone(round.took(), round.queries());
        return round;
    }

    /** The events calendar for this round; empty when it cannot be read. */
    private EventCalendar events() {
        try {
            return events.get();
        } catch (RuntimeException e) {
            LOG.warn(
                    "the events calendar could not be read, so no span is left out of learning this round: {}",
                    e.toString());
            return EventCalendar.EMPTY;
        }
    }

    /** One HPA's refresh; false when it failed. */
    private boolean refresh(HpaFacts hpa, ForecastSettings settings, EventCalendar calendar, Instant now) {
        String query = settings.query().orElseGet(() -> DemandSignal.of(hpa.namespace(), hpa.name()));
        HpaHistory history = histories.compute(
                hpa.key(),
                (key, known) -> known != null && known.query.equals(query)
                        ? known
                        : new HpaHistory(query, new DemandBuffer(config.step().toSeconds(), config.slots())));
        Optional<QueryFailure> failure = read(history, now);
        if (failure.isPresent()) {
            failed(hpa.key(), history, failure.get(), now);
            return false;
        }
        history.lastRefresh = now;
        history.staleLogged = false;
        if (history.lastProblem != null) {
            LOG.info("{}: forecast history read again", hpa.key());
            history.lastProblem = null;
        }
        Optional<DemandCurve> curve = history.buffer.curve();
        if (curve.isEmpty()) {
            history.forecast = new Forecast.NotReady(
                    "no history: the query returned no samples over the last "
                            + config.history().toDays() + " days: " + query,
                    Duration.ZERO);
        } else {
            AnnotationReading window = parser.read(hpa.annotations());
            Duration horizon = horizon(window, settings);
            ZoneId zone = window instanceof AnnotationReading.Valid valid
                    ? valid.spec().window().zone()
                    : parser.defaultZone();
            List<TimeSpan> excluded =
                    TrainingExclusions.of(calendar, hpa.namespace(), hpa.labels(), now.minus(config.history()), now);
            try {
                history.forecast = forecasters.apply(settings, zone).forecast(curve.get(), now, horizon, excluded);
            } catch (RuntimeException e) {
                history.errors++;
                history.forecast = new Forecast.NotReady("the forecaster failed: " + e, Duration.ZERO);
                LOG.warn("{}: the forecaster failed on its history", hpa.key(), e);
                publish(hpa.key(), history);
                return false;
            }
        }
        publish(hpa.key(), history);
        return true;
    }

    /**
     * Reads what the buffer lacks up to now. Slot {@code k} is the highest demand of {@code [k * step, (k + 1) *
     * step)}: {@code max_over_time} of the query over the step, evaluated one second before the slot's end (the
     * subquery's range excludes its start and includes its end), so that no peak between two steps is lost and
     * none is counted in two slots.
     */
    private Optional<QueryFailure> read(HpaHistory history, Instant now) {
        long step = config.step().toSeconds();
        long lastEnd = Math.floorDiv(now.getEpochSecond(), step); // slot lastEnd - 1 is the last that has ended
        long firstEnd = Math.max(lastEnd - config.slots() + 1, history.readThrough + 1);
        if (firstEnd > lastEnd) {
            return Optional.empty();
        }
        String ranged = "max_over_time((" + history.query + ")[" + step + "s:])";
        RangeResult result = source.orElseThrow()
                .queryRange(
                        ranged,
                        Instant.ofEpochSecond(firstEnd * step - 1),
                        Instant.ofEpochSecond(lastEnd * step - 1),
                        config.step());
        queries.addAndGet(result.queries());
        if (result instanceof RangeResult.Failed failed) {
            if (failed.failure().cause() != QueryFailure.Cause.EMPTY) {
                return Optional.of(failed.failure());
            }
            // Nothing new is no failure: a new HPA, or one whose demand is absent for a while.
            history.readThrough = lastEnd;
            return Optional.empty();
        }
        history.readThrough = lastEnd;
        DemandCurve curve = ((RangeResult.Samples) result).curve();
        long from = Math.max(firstEnd, Math.floorDiv(curve.first().getEpochSecond() + 1 + step - 1, step));
        long to = Math.min(lastEnd, Math.floorDiv(curve.last().getEpochSecond() + 1, step));
        DemandCurve.Cursor cursor = curve.cursor();
        for (long end = from; end <= to; end++) {
            history.buffer.put(end - 1, cursor.at(end * step - 1));
        }
        return Optional.empty();
    }

    private void failed(String key, HpaHistory history, QueryFailure failure, Instant now) {
        history.errors++;
        String problem = failure.cause().label() + ": " + failure.message();
        if (!problem.equals(history.lastProblem)) {
            LOG.warn(
                    "{}: forecast history not read ({}); {}",
                    key,
                    problem,
                    history.lastRefresh == null
                            ? "no forecast until it is"
                            : "the last forecast counts until " + history.lastRefresh.plus(config.staleAfter()));
            history.lastProblem = problem;
        }
        ForecastView view = publish(key, history);
        if (history.lastRefresh != null && !view.fresh(now, config.staleAfter()) && !history.staleLogged) {
            history.staleLogged = true;
            LOG.warn(
                    "{}: no forecast history read since {} (longer than --forecast-stale-after {}): its forecast is"
                            + " dropped and its minimum falls back to its window and events",
                    key,
                    history.lastRefresh,
                    Durations.format(config.staleAfter()));
        }
    }

    private ForecastView publish(String key, HpaHistory history) {
        ForecastView view =
                new ForecastView(history.forecast, Optional.ofNullable(history.lastRefresh), history.errors);
        board.put(key, view);
        return view;
    }

    /** The forecast.horizon annotation, else the window's lead, else the default. */
    private Duration horizon(AnnotationReading window, ForecastSettings settings) {
        if (settings.horizon().isPresent()) {
            return settings.horizon().get();
        }
        if (window instanceof AnnotationReading.Valid valid
                && !valid.spec().window().lead().isZero()) {
            // A lead may be up to a day; a forecast looks at most MAX_HORIZON ahead.
            Duration lead = valid.spec().window().lead();
            return lead.compareTo(ForecastAnnotations.MAX_HORIZON) > 0 ? ForecastAnnotations.MAX_HORIZON : lead;
        }
        return config.defaultHorizon();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread thread = new Thread(r, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        readers.shutdownNow();
    }
}
