package io.prescaler.plan;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the plan table describes an HPA's window: where it opens when a lead is set, and from when it says open. */
class PlanTableTest {

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            # fixture                  | date       | header                                                                                                            | first open row
            hpa-slow-scale-up.yaml     | 2026-05-27 | 6play/images-slow: min 25 from 19:30 to 23:30 every day (Europe/Paris); HPA 4..200                                 | 19:30-
            hpa-lead.yaml              | 2026-05-27 | 6play/images-lead: min 25 from 19:30 to 23:30 every day (Europe/Paris), opens 19:20 (lead 10m); HPA 4..200         | 19:20-
            hpa-lead-midnight.yaml     | 2026-05-29 | 6play/night-lead: min 25 from 00:05 to 02:00 on Sat (Europe/Paris), opens 23:55 the day before (lead 10m); HPA 4..200 | 23:55-24:00
            """)
    void describesTheWindowAndOpensItsRowsAtTheOpenedTime(String fixture, String date, String header, String open) {
        DayPlan plan = PlanInputs.plan(date, null, List.of(PlanInputs.FIXTURES + fixture));

        assertTrue(
                PlanTable.header(plan.hpas().get(0)).startsWith(header + "; "),
                PlanTable.header(plan.hpas().get(0)));
        String firstOpenRow = PlanTable.render(plan)
                .lines()
                .filter(line -> line.matches("  \\d\\d:\\d\\d-.*") && line.contains(" open "))
                .findFirst()
                .orElseThrow();
        assertTrue(firstOpenRow.startsWith("  " + open), firstOpenRow);
    }
}
