package io.prescaler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plan --demand}: the FORECAST column, and what plan says without demand history. */
class PlanForecastTest {

    private static final String HPA = "examples/demand/hpa-evening.yaml";
    private static final String CURVE = "examples/demand/four-weeks.csv";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path temp;

    private int run(String... args) {
        return Prescaler.commandLine(Map.of(), new PrintWriter(out), new PrintWriter(err))
                .execute(args);
    }

    @Test
    void showsTheForecastFloorBesideTheScheduleWhenGivenDemandHistory() {
        int code = run(
                "plan", "--date", "2026-05-30", "--timezone", "Europe/Paris", "--step", "15m", "--demand", CURVE, HPA);

        assertEquals(0, code, err::toString);
        String table = out.toString();
        assertTrue(table.contains("  TIME         WINDOW  EVENT  MIN  FORECAST  DIRECT  LEGACY  REPLICAS\n"), table);
        // Saturday's programme at 21:00, learnt from the three Saturdays before: 25 minutes ahead, x5
        assertTrue(table.contains("  20:15-20:45  closed  -        0        11       0       0         4\n"), table);
        assertTrue(table.contains("  20:45-21:00  closed  -        0        52       0       0         4\n"), table);
        assertTrue(table.contains("  21:00-21:15  open    -       32        52      32      11         4\n"), table);
        assertTrue(table.contains("FORECAST: the floor the forecast would hold"), table);
    }

    @Test
    void showsADashWhileTheForecastIsNotReady() {
        int code = run("plan", "--date", "2026-05-05", "--timezone", "Europe/Paris", "--demand", CURVE, HPA);

        assertEquals(0, code, err::toString);
        assertTrue(out.toString().contains("  00:00-20:55  closed  -        0         -"), out::toString);
    }

    @Test
    void saysItCannotShowAForecastWithoutDemandHistory() throws IOException {
        Path hpa = temp.resolve("hpa.yaml");
        Files.writeString(
                hpa,
                Files.readString(Path.of(HPA))
                        .replace(
                                "    annotations.scaling.exporter.timezone: \"Europe/Paris\"\n",
                                "    annotations.scaling.exporter.timezone: \"Europe/Paris\"\n"
                                        + "    annotations.scaling.exporter.forecast: \"on\"\n"));

        int code = run("plan", "--date", "2026-05-30", hpa.toString());

        assertEquals(0, code, err::toString);
        assertTrue(
                err.toString()
                        .contains("plan: note: shop/web has a forecast (annotations.scaling.exporter.forecast: on):"
                                + " plan cannot show it without its demand history; give it with --demand FILE.csv"),
                err::toString);
        assertFalse(out.toString().contains("FORECAST"), out::toString);
    }

    @Test
    void refusesABadForecastKeyLikeABadWindowKey() throws IOException {
        Path hpa = temp.resolve("hpa.yaml");
        Files.writeString(
                hpa,
                Files.readString(Path.of(HPA))
                        .replace(
                                "    annotations.scaling.exporter.timezone: \"Europe/Paris\"\n",
                                "    annotations.scaling.exporter.forecast.headroom: \"9\"\n"));

        int code = run("plan", "--date", "2026-05-30", hpa.toString());

        assertEquals(1, code);
        assertTrue(
                err.toString()
                        .contains("shop/web: invalid prescaling annotations: annotations.scaling.exporter"
                                + ".forecast: missing; "),
                err::toString);
        assertTrue(err.toString().contains("annotations.scaling.exporter.forecast.headroom: \"9\" is out of range"));
    }
}
