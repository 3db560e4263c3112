package io.prescaler.exporter;

import java.util.ArrayList;
import java.util.List;

/** Every series name a scrape of the exporter can show, for the dashboard and adapter rules to be checked against. */
public final class ExportedSeries {

    static final String SCRAPE_DURATION = "prescaling_exporter_scrape_duration_seconds";
    static final String TIME_TO_MINIMUM = "prescaling_time_to_minimum_seconds";

    private ExportedSeries() {}

    public static List<String> names() {
        List<String> names = new ArrayList<>(PrescalingCollector.SERIES);
        names.addAll(CacheHealthCollector.SERIES);
        for (String suffix : List.of("_bucket", "_sum", "_count")) {
            names.add(SCRAPE_DURATION + suffix);
            names.add(TIME_TO_MINIMUM + suffix);
        }
        return List.copyOf(names);
    }
}
