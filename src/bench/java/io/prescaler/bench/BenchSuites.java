package io.prescaler.bench;

import io.prescaler.failure.UsageException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The suites {@code bench} knows, by name, in the order a run without arguments takes them. */
public final class BenchSuites {

    private static final Map<String, Function<BenchSettings, BenchSuite>> SUITES = new LinkedHashMap<>();

    static {
        SUITES.put("prescale", settings -> new PrescaleBench());
        SUITES.put(
                "exporter",
                settings -> new ExporterBench(settings.exporterSizes(), settings.scrapes(), settings.scrapeBudget()));
        SUITES.put("scrape", settings -> new ScrapeBench(settings.exporterSizes(), settings.scrapes()));
        SUITES.put(
                "spike",
                settings -> new SpikeBench(settings.exporterSizes(), settings.scrapes(), settings.scrapeBudget()));
        SUITES.put("webhook", settings -> {
            BenchSettings.Webhook webhook = settings.webhook();
            return new WebhookBench(
                    webhook.admissionReview(),
                    webhook.connections(),
                    webhook.duration(),
                    webhook.warmUp(),
                    webhook.rate(),
                    webhook.rateDuration());
        });
        SUITES.put(
                "replay",
                settings -> new ReplayBench(java.nio.file.Path.of(
                        System.getProperty(Bench.CHECKOUT, "."), "examples", "demand", "four-weeks.csv")));
        SUITES.put("events", settings -> {
            BenchSettings.Events events = settings.events();
            return new EventsApplyBench(events.sizes(), events.jar(), events.jvmOptions());
        });
        SUITES.put("keda", settings -> {
            BenchSettings.Keda keda = settings.keda();
            return new KedaScalerBench(keda.sizes(), keda.rate(), keda.duration(), keda.warmUp());
        });
        SUITES.put("forecast", settings -> {
            BenchSettings.Forecast forecast = settings.forecast();
            return new ForecastBench(forecast.sizes(), forecast.days(), forecast.concurrency());
        });
    }

    private BenchSuites() {}

    public static List<String> names() {
        return List.copyOf(SUITES.keySet());
    }

    /** The suites asked for (every suite when none is named); an unknown name is a usage error. */
    public static List<BenchSuite> select(BenchSettings settings) {
        List<String> names = settings.suites().isEmpty() ? names() : settings.suites();
        List<BenchSuite> result = new ArrayList<>();
        for (String name : names) {
            Function<BenchSettings, BenchSuite> factory = SUITES.get(name);
            if (factory == null) {
                throw new UsageException(
                        "unknown suite '" + name + "'; available suites: " + String.join(", ", names()));
            }
            result.add(factory.apply(settings));
        }
        return result;
    }
}
