package io.prescaler.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.prescaler.demand.DemandCurve;
import io.prescaler.forecast.Forecast;
import io.prescaler.forecast.ForecastSettings;
import io.prescaler.forecast.Forecaster;
import io.prescaler.history.PrometheusClient;
import io.prescaler.history.PrometheusSettings;
import io.prescaler.schedule.AnnotationKeys;
import io.prescaler.schedule.AnnotationParser;
import io.prescaler.schedule.EventCalendar;
import io.prescaler.schedule.TimeSpan;
import io.prescaler.testing.Fixtures;
import io.prescaler.testing.MutableClock;
import io.prescaler.testing.PrometheusServer;
import io.prescaler.testing.PrometheusText;
import io.prescaler.testing.Promtool;
import io.prescaler.testing.TcpProxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exporter's forecast end to end: HPAs in fabric8's mock API server (CRUD), their demand history in a real
 * Prometheus backfilled with promtool, the refresh loop reading it, and the series a scrape shows.
 */
@EnableKubernetesMockClient(crud = true)
class ForecastExporterTest {

    static final long STEP = 300;
    static final Map<String, String> WEB = Map.of("namespace", "shop", "hpa", "web");

    KubernetesClient client;

    @TempDir
    Path directory;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private MutableClock clock;
    private HpaCache cache;
    private ExporterServer exporter;
    private ForecastRefresher refresher;
    private PrometheusServer prometheus;

    /**
     * The test's forecaster, a plain function of the history it is given, so the series can be checked exactly:
     * the demand of the same instant a day before {@code now + horizon}, ready from a day of history on. The real
     * estimator is specified by its own tests.
     */
    static final BiFunction<ForecastSettings, ZoneId, Forecaster> SAME_TIME_YESTERDAY =
            (settings, zone) -> (DemandCurve history, Instant now, Duration horizon, List<TimeSpan> excluded) -> {
                Duration known = Duration.between(history.first(), history.last());
                if (known.compareTo(Duration.ofDays(1)) < 0) {
                    return new Forecast.NotReady("less than a day of history", known);
                }
                return new Forecast.Ready(
                        history.at(now.plus(horizon).minus(Duration.ofDays(1)).getEpochSecond()), known);
            };

    /** The web HPA's demand: 4 replicas, 17.5 from 18:00 to 22:00 UTC. */
    static double webDemand(long second) {
        long hour = (second / 3600) % 24;
        return hour >= 18 && hour < 22 ? 17.5 : 4 + hour / 10.0;
    }

    private void startPrometheus(int days) throws Exception {
        long now = Instant.now().getEpochSecond();
        long last = now - now % STEP - STEP;
        long first = last - days * 86_400L;
        int count = (int) ((last - first) / STEP) + 1;
        long[] seconds = new long[count];
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            seconds[i] = first + i * STEP;
            values[i] = webDemand(seconds[i]);
        }
        prometheus = PrometheusServer.start(
                directory, new PrometheusServer.History().series("prescaling_demand_replicas", WEB, seconds, values));
        closing.add(prometheus);
    }

    private void startExporter(Optional<URI> prometheusUrl, String... fixtures) {
        startExporter(prometheusUrl, SAME_TIME_YESTERDAY, () -> EventCalendar.EMPTY, fixtures);
    }

    private void startExporter(
            Optional<URI> prometheusUrl,
            BiFunction<ForecastSettings, ZoneId, Forecaster> forecasters,
            java.util.function.Supplier<EventCalendar> events,
            String... fixtures) {
        for (String fixture : fixtures) {
            create(fixture);
        }
        clock = new MutableClock(Instant.now());
        ForecastConfig config = new ForecastConfig(
                Duration.ofMinutes(5),
                Duration.ofMinutes(30),
                2,
                Duration.ofDays(3),
                Duration.ofMinutes(5),
                Duration.ofMinutes(15));
        ForecastBoard board = new ForecastBoard(config.staleAfter());
        cache = new HpaCache(client, List.of(), clock);
        cache.start();
        closing.add(cache);
        AnnotationParser parser = new AnnotationParser(AnnotationKeys.DEFAULT, ZoneOffset.UTC);
        Optional<HistorySource> source = prometheusUrl.map(url -> {
            PrometheusClient prometheusClient =
                    new PrometheusClient(PrometheusSettings.of(url, Optional.empty(), Optional.empty(), Map.of()));
            closing.add(prometheusClient);
            return prometheusClient::queryRange;
        });
        refresher = new ForecastRefresher(config, cache::hpas, parser, source, forecasters, events, clock, board);
        closing.add(refresher);
        exporter = new ExporterServer(
                        new ExporterConfig(
                                0, List.of(), List.of(), AnnotationKeys.DEFAULT, ZoneOffset.UTC, Duration.ofMinutes(2)),
                        cache,
                        clock,
                        board)
                .start();
        closing.add(exporter);
        awaitScrape(s -> cache.synced() && cache.size() == fixtures.length);
    }

    private void create(String fixture) {
        HorizontalPodAutoscaler hpa =
                client.getKubernetesSerialization().unmarshal(Fixtures.text(getClass(), "forecast/" + fixture));
        HorizontalPodAutoscaler created = client.resource(hpa).create();
        created.setStatus(hpa.getStatus());
        client.resource(created).updateStatus();
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    /** The forecast expected now: the web demand a day before now + 15m, at its 5-minute slot. */
    private double expectedForecast() {
        long at = clock.instant()
                .plus(Duration.ofMinutes(15))
                .minus(Duration.ofDays(1))
                .getEpochSecond();
        return webDemand(at - Math.floorMod(at, STEP));
    }

    @Test
    void exportsTheForecastOfEachForecastHpaAndRaisesTheMinimumOfThoseInModeOn() throws Exception {
        startPrometheus(2);
        startExporter(Optional.of(prometheus.url()), "web-on.yaml", "preview.yaml", "capped-on.yaml");

        ForecastRefresher.Round round = refresher.refresh();

        assertEquals(3, round.hpas());
        assertEquals(0, round.failed());
        PrometheusText scrape = scrape();
        Promtool.checkMetrics(scrapeText());
        double forecast = expectedForecast();
        assertEquals(forecast, value(scrape, "prescaling_forecast_replicas", "web"), 1e-6);
        assertEquals(1, value(scrape, "prescaling_forecast_ready", "web"));
        assertEquals(0, value(scrape, "prescaling_forecast_errors_total", "web"));
        assertEquals(
                clock.instant().getEpochSecond(),
                value(scrape, "prescaling_forecast_last_refresh_timestamp_seconds", "web"),
                1);
        assertTrue(value(scrape, "prescaling_forecast_history_seconds", "web")
                >= Duration.ofDays(2).toSeconds() - 900);
        // on: the minimum is the forecast, rounded up, and the forecast names itself as its source
        assertEquals(Math.ceil(forecast), value(scrape, "prescaling_effective_min_replicas", "web"));
        assertEquals(1, value(scrape, "prescaling_min_source", Map.of("hpa", "web", "source", "forecast")));
        assertTrue(value(scrape, "prescaling_min_replicas", "web") >= Math.ceil(forecast));
        // preview (its query reads the web demand): the same forecast, exported, but it never raises the minimum
        assertEquals(1, value(scrape, "prescaling_forecast_ready", "preview"));
        assertEquals(0, value(scrape, "prescaling_effective_min_replicas", "preview"));
        assertTrue(scrape.samples("prescaling_min_source").stream()
                .noneMatch(s -> s.labels().get("hpa").equals("preview")));
        // on, with its own query (the web demand) and maxReplicas 6: capped
        assertEquals(forecast, value(scrape, "prescaling_forecast_replicas", "capped"), 1e-6);
        assertEquals(Math.min(6, Math.ceil(forecast)), value(scrape, "prescaling_effective_min_replicas", "capped"));
    }

    @Test
    void raisesTheMinimumWithTheRealSeasonalForecasterOnThreeDaysOfHistory() throws Exception {
        startPrometheus(3);
        startExporter(
                Optional.of(prometheus.url()),
                io.prescaler.forecast.SeasonalForecaster::of,
                () -> EventCalendar.EMPTY,
                "web-on.yaml");

        ForecastRefresher.Round round = refresher.refresh();

        assertEquals(0, round.failed());
        PrometheusText scrape = scrape();
        assertEquals(1, value(scrape, "prescaling_forecast_ready", "web"));
        double forecast = value(scrape, "prescaling_forecast_replicas", "web");
        // the same hour on the days before, with a headroom from 1 to 2 over it
        double sameHour = expectedForecast();
        assertTrue(forecast >= sameHour * 0.8 && forecast <= 17.5 * 2, forecast + " for " + sameHour);
        assertEquals(Math.ceil(forecast), value(scrape, "prescaling_effective_min_replicas", "web"));
        assertEquals(1, value(scrape, "prescaling_min_source", Map.of("hpa", "web", "source", "forecast")));
        assertTrue(value(scrape, "prescaling_forecast_history_seconds", "web")
                >= Duration.ofDays(2).toSeconds());
    }

    @Test
    void readsOnlyTheNewSpanAtTheNextRefresh() throws Exception {
        startPrometheus(2);
        startExporter(Optional.of(prometheus.url()), "web-on.yaml");

        ForecastRefresher.Round first = refresher.refresh();
        PrometheusText afterFirst = scrape();
        clock.advance(Duration.ofMinutes(10));
        ForecastRefresher.Round second = refresher.refresh();
        ForecastRefresher.Round third = refresher.refresh();

        assertEquals(1, first.queries()); // three days of 5-minute slots: one request
        assertEquals(Optional.of(1.0), afterFirst.value("prescaling_forecast_hpas", Map.of()));
        assertTrue(afterFirst
                        .value("prescaling_forecast_refresh_duration_seconds", Map.of())
                        .orElseThrow()
                > 0);
        assertEquals(1, second.queries()); // the two slots that ended since
        assertEquals(0, third.queries()); // no step has ended since
        assertEquals(Optional.of(2.0), scrape().value("prescaling_forecast_queries_total", Map.of()));
        assertEquals(expectedForecast(), value(scrape(), "prescaling_forecast_replicas", "web"), 1e-6);
    }

    @Test
    void keepsTheLastForecastForStaleAfterWhenPrometheusGoesAwayThenDropsToTheWindowAndEventFloors() throws Exception {
        startPrometheus(2);
        TcpProxy network = new TcpProxy(prometheus.port());
        closing.add(network);
        startExporter(Optional.of(URI.create("http://127.0.0.1:" + network.port())), "web-on.yaml");
        refresher.refresh();
        double forecast = value(scrape(), "prescaling_forecast_replicas", "web");

        network.cut();
        clock.advance(Duration.ofMinutes(20));
        ForecastRefresher.Round failed = refresher.refresh();

        assertEquals(1, failed.failed());
        PrometheusText stillFresh = scrape();
        assertEquals(forecast, value(stillFresh, "prescaling_forecast_replicas", "web"));
        assertEquals(1, value(stillFresh, "prescaling_forecast_ready", "web"));
        assertEquals(1, value(stillFresh, "prescaling_forecast_errors_total", "web"));
        assertEquals(Math.ceil(forecast), value(stillFresh, "prescaling_effective_min_replicas", "web"));

        clock.advance(Duration.ofMinutes(11)); // 31 minutes since the last successful read
        refresher.refresh();

        PrometheusText stale = scrape();
        assertTrue(stale.samples("prescaling_forecast_replicas").isEmpty());
        assertEquals(0, value(stale, "prescaling_forecast_ready", "web"));
        assertEquals(2, value(stale, "prescaling_forecast_errors_total", "web"));
        assertEquals(0, value(stale, "prescaling_effective_min_replicas", "web"));
        assertTrue(stale.samples("prescaling_min_source").isEmpty());

        network.restore();
        ForecastRefresher.Round back = refresher.refresh();

        assertEquals(0, back.failed());
        PrometheusText again = scrape();
        assertEquals(1, value(again, "prescaling_forecast_ready", "web"));
        assertEquals(1, value(again, "prescaling_min_source", Map.of("hpa", "web", "source", "forecast")));
        assertEquals(2, value(again, "prescaling_forecast_errors_total", "web"));
    }

    @Test
    void stopsRaisingTheMinimumOnceTheRealPrometheusIsStoppedForLongerThanStaleAfter() throws Exception {
        startPrometheus(2);
        startExporter(Optional.of(prometheus.url()), "web-on.yaml");
        refresher.refresh();
        assertEquals(1, value(scrape(), "prescaling_forecast_ready", "web"));

        prometheus.close();
        clock.advance(Duration.ofMinutes(31));
        ForecastRefresher.Round failed = refresher.refresh();

        assertEquals(1, failed.failed());
        PrometheusText stale = scrape();
        assertEquals(0, value(stale, "prescaling_forecast_ready", "web"));
        assertEquals(0, value(stale, "prescaling_effective_min_replicas", "web"));
    }

    @Test
    void countsTheErrorsOfEachHpaApartAndSaysWhenThereIsNoHistory() throws Exception {
        startPrometheus(2);
        startExporter(Optional.of(prometheus.url()), "web-on.yaml", "broken-query.yaml", "no-history.yaml");

        ForecastRefresher.Round round = refresher.refresh();

        assertEquals(1, round.failed());
        PrometheusText scrape = scrape();
        assertEquals(1, value(scrape, "prescaling_forecast_errors_total", "broken"));
        assertEquals(0, value(scrape, "prescaling_forecast_ready", "broken"));
        assertEquals(0, value(scrape, "prescaling_forecast_errors_total", "fresh"));
        assertEquals(0, value(scrape, "prescaling_forecast_ready", "fresh"));
        assertEquals(0, value(scrape, "prescaling_forecast_history_seconds", "fresh"));
        assertEquals(1, value(scrape, "prescaling_forecast_ready", "web"));
        assertEquals(0, value(scrape, "prescaling_forecast_errors_total", "web"));
        assertEquals(Math.ceil(expectedForecast()), value(scrape, "prescaling_effective_min_replicas", "web"));
    }

    @Test
    void exportsForecastHpasAsNotReadyWithoutPrometheusAndMarksAnInvalidForecastKey() throws Exception {
        startExporter(Optional.empty(), "web-on.yaml", "invalid-mode.yaml");

        ForecastRefresher.Round round = refresher.refresh();

        assertEquals(0, round.queries());
        PrometheusText scrape = scrape();
        assertEquals(0, value(scrape, "prescaling_forecast_ready", "web"));
        assertEquals(0, value(scrape, "prescaling_effective_min_replicas", "web"));
        assertEquals(0, value(scrape, "prescaling_min_replicas", "web"));
        assertEquals(
                1,
                value(
                        scrape,
                        "prescaling_annotation_error",
                        Map.of("hpa", "bad", "key", "annotations.scaling.exporter.forecast")));
        assertTrue(scrape.samples("prescaling_forecast_ready").stream()
                .noneMatch(s -> s.labels().get("hpa").equals("bad")));
    }

    @Test
    void leavesTheSpansOfTheEventsOfTheEventsConfigMapThatApplyToTheHpaOutOfLearning() throws Exception {
        startPrometheus(2);
        Instant kickOff = Instant.now().minus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        client.configMaps()
                .resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("prescaling-events")
                        .withNamespace("prescaler")
                        .endMetadata()
                        .addToData(
                                "events.yaml",
                                "- name: final\n  multiplier: 3\n  start: " + local(kickOff) + "\n  end: "
                                        + local(kickOff.plus(Duration.ofHours(2))) + "\n  lead: 30m\n"
                                        + "- name: elsewhere\n  multiplier: 2\n  start: " + local(kickOff) + "\n  end: "
                                        + local(kickOff.plus(Duration.ofHours(1))) + "\n  selector:\n    matchLabels:\n"
                                        + "      project: other\n")
                        .build())
                .create();
        List<List<TimeSpan>> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        BiFunction<ForecastSettings, ZoneId, Forecaster> recording =
                (settings, zone) -> (history, now, horizon, excluded) -> {
                    seen.add(excluded);
                    return SAME_TIME_YESTERDAY.apply(settings, zone).forecast(history, now, horizon, excluded);
                };
        EventsConfigMapCalendar calendar = new EventsConfigMapCalendar(
                new io.prescaler.cluster.ClusterReader(new io.prescaler.cluster.ClusterConnection(
                        client,
                        new io.prescaler.cluster.ApiServer(client.getMasterUrl().toString(), "test"))),
                io.prescaler.cluster.ConfigMapRef.parse("prescaler/prescaling-events"),
                "events.yaml",
                ZoneOffset.UTC);
        startExporter(Optional.of(prometheus.url()), recording, calendar, "web-on.yaml");

        refresher.refresh();

        assertEquals(
                List.of(List.of(
                        new TimeSpan(kickOff.minus(Duration.ofMinutes(30)), kickOff.plus(Duration.ofHours(2))))),
                seen);
    }

    @Test
    void looksAsFarAheadAsTheHorizonAnnotationElseTheLeadElseTheDefaultInTheHpasZone() throws Exception {
        startPrometheus(2);
        java.util.Set<String> asked = java.util.concurrent.ConcurrentHashMap.newKeySet();
        BiFunction<ForecastSettings, ZoneId, Forecaster> recording =
                (settings, zone) -> (history, now, horizon, excluded) -> {
                    asked.add(settings.mode() + " " + zone + " " + horizon);
                    return SAME_TIME_YESTERDAY.apply(settings, zone).forecast(history, now, horizon, excluded);
                };
        startExporter(
                Optional.of(prometheus.url()),
                recording,
                () -> EventCalendar.EMPTY,
                "web-on.yaml",
                "horizon-1h.yaml",
                "lead-10m.yaml");

        refresher.refresh();

        // ahead and evening read the web demand through their forecast.query
        assertEquals(java.util.Set.of("ON Z PT15M", "ON Z PT1H", "PREVIEW Europe/Paris PT10M"), asked);
    }

    /** The instant as an events file writes it, in UTC (the calendar's zone here). */
    private static String local(Instant instant) {
        return java.time.LocalDateTime.ofInstant(instant, ZoneOffset.UTC).toString();
    }

    private static double value(PrometheusText scrape, String name, String hpa) {
        return value(scrape, name, Map.of("hpa", hpa));
    }

    private static double value(PrometheusText scrape, String name, Map<String, String> labels) {
        return scrape.value(name, labels)
                .orElseThrow(() -> new AssertionError("no " + name + " " + labels + " in " + scrape.samples()));
    }

    private String scrapeText() {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + exporter.port() + "/metrics"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            return response.body();
        } catch (Exception e) {
            throw new AssertionError("scrape failed", e);
        }
    }

    private PrometheusText scrape() {
        return PrometheusText.parse(scrapeText());
    }

    private PrometheusText awaitScrape(Predicate<PrometheusText> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        PrometheusText last = scrape();
        while (!condition.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met in 20 s; last scrape: " + last.samples());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            last = scrape();
        }
        return last;
    }
}
