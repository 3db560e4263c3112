package io.prescaler.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prescaler.forecast.ForecastAnnotations;
import io.prescaler.forecast.ForecastMode;
import io.prescaler.forecast.ForecastReading;
import io.prescaler.kube.HpaFacts;
import io.prescaler.schedule.AnnotationKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The forecast suite's plumbing at a tiny size; the suite itself runs with {@code mvn -Pbench}. */
class ForecastBenchTest {

    @Test
    void writesTheSameDemandWhetherTheHistoryIsWrittenInOneFileOrOnePerDay(@TempDir Path directory) throws Exception {
        Path whole = directory.resolve("whole.om");
        Path morning = directory.resolve("morning.om");
        Path evening = directory.resolve("evening.om");

        assertEquals(6, ForecastBench.write(whole, 2, 0, 600));
        assertEquals(4, ForecastBench.write(morning, 2, 0, 300));
        assertEquals(2, ForecastBench.write(evening, 2, 600, 600));

        List<String> split = new ArrayList<>(samples(morning));
        split.addAll(samples(evening));
        split.sort(null);
        List<String> all = new ArrayList<>(samples(whole));
        all.sort(null);
        assertEquals(all, split);
        assertTrue(Files.readString(whole).endsWith("# EOF\n"));
        assertTrue(all.get(0).startsWith("prescaling_demand_replicas{hpa=\"app-0\",namespace=\"bench\"} "));
    }

    @Test
    void seedsHpasWhoseForecastIsOnWithTheDefaultSignal() {
        List<HpaFacts> hpas = ForecastBench.hpas(3);

        assertEquals(
                List.of("bench/app-0", "bench/app-1", "bench/app-2"),
                hpas.stream().map(HpaFacts::key).toList());
        ForecastReading.Valid reading = assertInstanceOf(
                ForecastReading.Valid.class,
                ForecastAnnotations.read(AnnotationKeys.DEFAULT, hpas.get(0).annotations()));
        assertEquals(ForecastMode.ON, reading.settings().mode());
        assertTrue(reading.settings().query().isEmpty());
    }

    private static List<String> samples(Path file) throws Exception {
        return Files.readAllLines(file).stream().filter(l -> !l.startsWith("#")).toList();
    }
}
