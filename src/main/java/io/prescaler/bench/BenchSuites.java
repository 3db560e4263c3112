package io.prescaler.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The suites {@code bench} knows, by name, in the order a run without arguments takes them.
 *
 * <p>Extension points: the {@code webhook} suite (admissions/s and p50/p99 over HTTPS keep-alive against a bare
 * Javalin HTTPS endpoint) and the {@code events} suite ({@code events apply} on 1,000 / 5,000 HPAs, JVM start
 * included) are added by registering a {@code BenchSuite} in {@link #SUITES} once those commands exist; until then
 * they are listed in {@link #PLANNED} and asking for them is a usage error that says so.
 */
public final class BenchSuites {

    private static final Map<String, Function<BenchSettings, BenchSuite>> SUITES = new LinkedHashMap<>();

    static {
        SUITES.put("prescale", settings -> new PrescaleBench());
        SUITES.put(
                "exporter",
                settings -> new ExporterBench(settings.exporterSizes(), settings.scrapes(), settings.scrapeBudget()));
        // SUITES.put("webhook", settings -> new WebhookBench(...));   added with the webhook command
        // SUITES.put("events", settings -> new EventsApplyBench(...)); added with the events command
    }

    /** Suites announced by the issue whose commands are not merged yet. */
    static final List<String> PLANNED = List.of("webhook", "events");

    private BenchSuites() {}

    public static List<String> names() {
        return List.copyOf(SUITES.keySet());
    }

    /** The suites asked for (every suite when none is named); an unknown or planned name is a usage error. */
    public static List<BenchSuite> select(BenchSettings settings) {
        List<String> names = settings.suites().isEmpty() ? names() : settings.suites();
        List<BenchSuite> result = new ArrayList<>();
        for (String name : names) {
            Function<BenchSettings, BenchSuite> factory = SUITES.get(name);
            if (factory == null) {
                throw new IllegalArgumentException(
                        PLANNED.contains(name)
                                ? "suite " + name + " is not available yet (it comes with the " + name
                                        + " command); available suites: " + String.join(", ", names())
                                : "unknown suite '" + name + "'; available suites: " + String.join(", ", names()));
            }
            result.add(factory.apply(settings));
        }
        return result;
    }
}
