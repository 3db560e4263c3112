package io.prescaler.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.prescaler.schedule.AnnotationKeys;
import io.prescaler.testing.Fixtures;
import io.prescaler.testing.MutableClock;
import io.prescaler.testing.PrometheusText;
import io.prescaler.testing.Promtool;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class ExporterServerTest {

    /** Monday 2026-11-23, 20:00 in Paris: the evening window 19:30-23:30 is open. */
    private static final Instant NOW = Instant.parse("2026-11-23T19:00:00Z");

    private static final String DIRECT = "prescaling_min_replicas";
    private static final String LEGACY = "annotation_scaling_min_replica";

    KubernetesClient client;
    KubernetesMockServer server;

    private final HttpClient http = HttpClient.newHttpClient();
    private final MutableClock clock = new MutableClock(NOW);
    private HpaCache cache;
    private ExporterServer exporter;
    private final ForecastBoard forecasts = new ForecastBoard(Duration.ofMinutes(30));

    private void start(List<String> namespaces, List<String> hpaLabels, String... fixtures) {
        for (String fixture : fixtures) {
            create(fixture);
        }
        cache = new HpaCache(client, namespaces, clock);
        cache.start();
        exporter = new ExporterServer(
                        new ExporterConfig(
                                0,
                                namespaces,
                                hpaLabels,
                                AnnotationKeys.DEFAULT,
                                ZoneId.of("Europe/Paris"),
                                Duration.ofMinutes(2)),
                        cache,
                        clock,
                        forecasts)
                .start();
        awaitScrape(s -> cache.synced());
    }

    private void startWithAllFixtures() {
        start(
                List.of(),
                List.of("project"),
                "images-evening.yaml",
                "search-event.yaml",
                "api-invalid.yaml",
                "legacy-hand-written.yaml",
                "plain.yaml");
    }

    /** Creates an HPA from a fixture, status included (the API server takes status through its subresource). */
    private HorizontalPodAutoscaler create(String fixture) {
        HorizontalPodAutoscaler hpa = client.getKubernetesSerialization().unmarshal(Fixtures.text(getClass(), fixture));
        HorizontalPodAutoscaler created = client.resource(hpa).create();
        if (hpa.getStatus() != null) {
            created.setStatus(hpa.getStatus());
            created = client.resource(created).updateStatus();
        }
        return created;
    }

    @AfterEach
    void stop() {
        if (exporter != null) {
            exporter.close();
        }
        if (cache != null) {
            cache.close();
        }
    }

    private HttpResponse<String> get(String path, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + exporter.port() + path));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private PrometheusText scrape() {
        try {
            HttpResponse<String> response = get("/metrics", null);
            assertEquals(200, response.statusCode());
            return PrometheusText.parse(response.body());
        } catch (Exception e) {
            throw new AssertionError("scrape failed", e);
        }
    }

    /** Scrapes until the condition holds: the informer applies changes asynchronously. */
    private PrometheusText awaitScrape(Predicate<PrometheusText> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        PrometheusText last = scrape();
        while (!condition.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met in 20 s; last scrape: " + last.samples());
            }
            sleep(50);
            last = scrape();
        }
        return last;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The sources of the minimum an HPA's series name. */
    private static List<String> sources(PrometheusText scrape, String hpa) {
        return scrape.samples(PrescalingCollector.MIN_SOURCE).stream()
                .filter(s -> s.labels().get("hpa").equals(hpa))
                .map(s -> s.labels().get("source"))
                .toList();
    }

    private static Map<String, String> hpa(String namespace, String name) {
        return Map.of("namespace", namespace, "hpa", name);
    }

    @Test
    void exportsBothEncodingsAndTheDetailsOfAnHpaInItsWindow() {
        startWithAllFixtures();
        PrometheusText scrape = scrape();
        Map<String, String> images = Map.of(
                "namespace", "images",
                "hpa", "service-6play-images",
                "deployment", "service-6play-images",
                "project", "images");
        assertEquals(Optional.of(25.0), scrape.value(DIRECT, images));
        assertEquals(Optional.of(11.0), scrape.value(LEGACY, images), "10 replicas run, 25 wanted");
        assertEquals(Optional.of(25.0), scrape.value(PrescalingCollector.EFFECTIVE, images));
        assertEquals(Optional.of(25.0), scrape.value(PrescalingCollector.CONFIGURED, images));
        assertEquals(Optional.of(1.0), scrape.value(PrescalingCollector.MULTIPLIER, images));
        assertEquals(Optional.of(1.0), scrape.value(PrescalingCollector.WINDOW_ACTIVE, images));
        assertEquals(Optional.of(10.0), scrape.value(PrescalingCollector.CURRENT, images));
        assertEquals(Optional.of(12.0), scrape.value(PrescalingCollector.DEMAND, images), "10 pods at 84% of 70%");
        assertEquals(Optional.of(15.0), scrape.value(PrescalingCollector.SHORTFALL, images), "25 wanted, 10 run");
        assertEquals(
                Optional.of(1.0),
                scrape.value(
                        PrescalingCollector.MIN_SOURCE,
                        Map.of("namespace", "images", "hpa", "service-6play-images", "source", "window")));
        assertEquals(List.of("window"), sources(scrape, "service-6play-images"));
        assertEquals(Optional.of("gauge"), scrape.type(DIRECT));
    }

    @Test
    void exportsTheMultipliedMinimumOfAnEventOutsideTheWindow() {
        startWithAllFixtures();
        PrometheusText scrape = scrape();
        Map<String, String> search = Map.of("namespace", "web", "hpa", "search", "deployment", "search-api");
        assertEquals(Optional.of(0.0), scrape.value(PrescalingCollector.WINDOW_ACTIVE, search));
        assertEquals(Optional.of(3.0), scrape.value(PrescalingCollector.MULTIPLIER, search));
        assertEquals(Optional.of(30.0), scrape.value(PrescalingCollector.EFFECTIVE, search));
        assertEquals(Optional.of(30.0), scrape.value(DIRECT, search));
        assertEquals(List.of("event"), sources(scrape, "search"));
        assertEquals(Optional.of(25.0), scrape.value(PrescalingCollector.SHORTFALL, search));
        assertEquals(Optional.empty(), scrape.value(PrescalingCollector.DEMAND, search), "no current metrics");
        assertEquals(
                Optional.of(1.0),
                scrape.value(
                        PrescalingCollector.EVENT_INFO,
                        Map.of("namespace", "web", "hpa", "search", "event", "football-final")));
    }

    @Test
    void exportsZeroAndEachBadKeyForAnHpaWithInvalidAnnotations() {
        startWithAllFixtures();
        PrometheusText scrape = scrape();
        assertEquals(Optional.of(0.0), scrape.value(DIRECT, hpa("web", "api")));
        assertEquals(Optional.of(0.0), scrape.value(LEGACY, hpa("web", "api")));
        assertEquals(
                List.of("annotations.scaling.exporter.replica.min", "annotations.scaling.exporter.time.start"),
                scrape.samples(PrescalingCollector.ANNOTATION_ERROR).stream()
                        .map(s -> s.labels().get("key"))
                        .sorted()
                        .toList());
        assertEquals(List.of(), sources(scrape, "api"), "an invalid HPA asks for nothing");
        assertEquals(Optional.of(0.0), scrape.value(PrescalingCollector.SHORTFALL, hpa("web", "api")));
        // The bad HPA does not break the others.
        assertEquals(Optional.of(25.0), scrape.value(DIRECT, hpa("images", "service-6play-images")));
    }

    @Test
    void exportsZeroForAHandWrittenBlockWithoutAnnotationsAndNothingForPlainHpas() {
        startWithAllFixtures();
        PrometheusText scrape = scrape();
        assertEquals(Optional.of(0.0), scrape.value(LEGACY, hpa("video", "player")));
        assertEquals(Optional.of(0.0), scrape.value(DIRECT, hpa("video", "player")));
        assertEquals(Optional.empty(), scrape.value(DIRECT, hpa("jobs", "batch")));
        assertEquals(4, scrape.samples(DIRECT).size());
        assertEquals(4, scrape.samples(LEGACY).size());
    }

    @Test
    void timesHowLongAnHpaTakesToReachItsMinimum() {
        start(List.of(), List.of(), "images-evening.yaml");
        Map<String, String> images = hpa("images", "service-6play-images");
        assertEquals(Optional.of(15.0), scrape().value(PrescalingCollector.SHORTFALL, images), "25 wanted, 10 run");

        clock.advance(Duration.ofSeconds(75));
        HorizontalPodAutoscaler hpa = client.autoscaling()
                .v2()
                .horizontalPodAutoscalers()
                .inNamespace("images")
                .withName("service-6play-images")
                .get();
        hpa.getStatus().setCurrentReplicas(25);
        client.resource(hpa).updateStatus();
        PrometheusText scrape =
                awaitScrape(s -> s.value(PrescalingCollector.CURRENT, images).equals(Optional.of(25.0)));

        assertEquals(Optional.of(0.0), scrape.value(PrescalingCollector.SHORTFALL, images));
        String histogram = ExportedSeries.TIME_TO_MINIMUM;
        assertEquals(Optional.of(1.0), scrape.value(histogram + "_count", Map.of()));
        assertEquals(Optional.of(75.0), scrape.value(histogram + "_sum", Map.of()));
        assertEquals(Optional.of(0.0), scrape.value(histogram + "_bucket", Map.of("le", "60.0")));
        assertEquals(Optional.of(1.0), scrape.value(histogram + "_bucket", Map.of("le", "90.0")));
    }

    @Test
    void followsHpasAsTheyAreCreatedChangedAndDeleted() {
        start(List.of(), List.of(), "images-evening.yaml");
        Map<String, String> images = hpa("images", "service-6play-images");
        assertEquals(Optional.of(25.0), scrape().value(DIRECT, images));

        client.autoscaling()
                .v2()
                .horizontalPodAutoscalers()
                .inNamespace("images")
                .withName("service-6play-images")
                .edit(h -> {
                    h.getMetadata().getAnnotations().put("annotations.scaling.exporter.replica.min", "40");
                    return h;
                });
        awaitScrape(s -> s.value(DIRECT, images).equals(Optional.of(40.0)));

        create("search-event.yaml");
        awaitScrape(s -> s.value(DIRECT, hpa("web", "search")).isPresent());

        client.autoscaling()
                .v2()
                .horizontalPodAutoscalers()
                .inNamespace("images")
                .withName("service-6play-images")
                .delete();
        PrometheusText scrape = awaitScrape(s -> s.value(DIRECT, images).isEmpty());
        assertEquals(1, scrape.samples(DIRECT).size());
    }

    @Test
    void watchesOnlyTheNamedNamespaces() {
        create("images-evening.yaml");
        create("search-event.yaml");
        create("api-invalid.yaml");
        start(List.of("web"), List.of());
        PrometheusText scrape = scrape();
        assertEquals(
                List.of("api", "search"),
                scrape.samples(DIRECT).stream().map(s -> s.labels().get("hpa")).toList());
    }

    @Test
    void servesScrapesFromTheCacheWithoutCallingTheApiServer() {
        startWithAllFixtures();
        scrape();
        int requestsBefore = server.getRequestCount();
        for (int i = 0; i < 50; i++) {
            scrape();
        }
        assertEquals(requestsBefore, server.getRequestCount());
    }

    @Test
    void passesPromtoolCheckMetrics() throws Exception {
        startWithAllFixtures();
        scrape(); // the second scrape also carries the first one's duration
        Promtool.checkMetrics(get("/metrics", null).body());
    }

    @Test
    void reportsProcessFigures() {
        startWithAllFixtures();
        scrape();
        PrometheusText scrape = scrape();
        assertEquals(Optional.of(1.0), scrape.value("prescaling_exporter_informer_synced", Map.of()));
        assertEquals(Optional.of(0.0), scrape.value("prescaling_exporter_stale", Map.of()));
        assertEquals(Optional.of(5.0), scrape.value("prescaling_exporter_hpas", Map.of()));
        assertEquals(
                Optional.of((double) NOW.getEpochSecond()),
                scrape.value("prescaling_exporter_informer_last_event_timestamp_seconds", Map.of()));
        double scrapes = scrape.value("prescaling_exporter_scrape_duration_seconds_count", Map.of())
                .orElseThrow();
        assertTrue(scrapes >= 2, "scrapes counted: " + scrapes);
    }

    @Test
    void listsEverySeriesItServesInExportedSeries() {
        forecasts.put(
                "shop/web",
                new ForecastView(
                        new io.prescaler.forecast.Forecast.Ready(7.5, Duration.ofDays(14)), Optional.of(NOW), 0));
        start(
                List.of(),
                List.of("project"),
                "images-evening.yaml",
                "search-event.yaml",
                "api-invalid.yaml",
                "legacy-hand-written.yaml",
                "plain.yaml",
                "forecast/web-on.yaml");
        // A spike-guarded HPA with four minutes of status updates, so that its velocity and acceleration are known.
        create("api-spike.yaml");
        for (int update = 1; update <= 17; update++) {
            clock.advance(Duration.ofSeconds(15));
            HorizontalPodAutoscaler api = client.autoscaling()
                    .v2()
                    .horizontalPodAutoscalers()
                    .inNamespace("shop")
                    .withName("api")
                    .get();
            api.getStatus()
                    .getCurrentMetrics()
                    .get(0)
                    .getResource()
                    .getCurrent()
                    .setAverageUtilization(60 + update);
            client.resource(api).updateStatus();
            Instant at = clock.instant();
            awaitScrape(s -> exporter.spikeGuards()
                    .state("shop/api")
                    .map(state -> state.at().equals(at))
                    .orElse(false));
        }
        scrape();
        java.util.Set<String> served = new java.util.TreeSet<>();
        scrape().samples().forEach(sample -> served.add(sample.name()));
        assertEquals(new java.util.TreeSet<>(ExportedSeries.names()), served);
    }

    @Test
    void answersHealthAndReadiness() throws Exception {
        startWithAllFixtures();
        assertEquals(200, get("/healthz", null).statusCode());
        HttpResponse<String> ready = get("/readyz", null);
        assertEquals(200, ready.statusCode());
        assertEquals("ready", ready.body());
    }

    @Test
    void answersPrometheusDefaultHeaderWithTheCachedTextFormat() throws Exception {
        startWithAllFixtures();
        String prometheus = "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;"
                + "q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

        HttpResponse<String> response = get("/metrics", prometheus);

        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        assertTrue(response.body().contains("\nprescaling_min_replicas{"), response.body());
        assertFalse(response.body().contains("# EOF"));
    }

    @Test
    void speaksOpenMetricsWhenAskedTo() throws Exception {
        startWithAllFixtures();
        HttpResponse<String> response = get("/metrics", "application/openmetrics-text; version=1.0.0");
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/openmetrics-text"));
        assertTrue(response.body().endsWith("# EOF\n"));
    }
}
