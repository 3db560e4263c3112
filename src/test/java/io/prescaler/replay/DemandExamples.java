package io.prescaler.replay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;

/**
 * The generator of the demand curves in {@code examples/demand/}: seeded, so the files are reproducible
 * ({@code DemandExamplesTest} keeps them identical to what this writes). Regenerate from the checkout with
 * {@code mvn -B test-compile && java -cp target/classes:target/test-classes io.prescaler.replay.DemandExamples}.
 *
 * <p>Demand is in replicas: the pods the traffic needs at the HPA's target.
 */
public final class DemandExamples {

    static final Path FOLDER = Path.of("examples", "demand");
    static final ZoneOffset PARIS_SUMMER = ZoneOffset.ofHours(2);

    private DemandExamples() {}

    public static void main(String[] args) throws IOException {
        Files.createDirectories(FOLDER);
        Files.writeString(FOLDER.resolve("prime-time-evening.csv"), primeTimeEvening(), StandardCharsets.UTF_8);
        Files.writeString(FOLDER.resolve("weekly-football.csv"), weeklyFootball(7), StandardCharsets.UTF_8);
        Files.writeString(FOLDER.resolve("four-weeks.csv"), fourWeeks(), StandardCharsets.UTF_8);
    }

    /** The first day of {@link #fourWeeks()}: Monday 4 May 2026. */
    static final OffsetDateTime FOUR_WEEKS_START = OffsetDateTime.of(2026, 5, 4, 0, 0, 0, 0, PARIS_SUMMER);

    /**
     * Four weeks from Monday 4 May 2026, one row a minute, to backtest a forecast on the last one: the daily pattern
     * of {@link #weeklyFootball}, the Saturday evening programme every week (x5 in two minutes at 21:00, until
     * 22:45, back by 23:30), and one unplanned one-off in the third week: Wednesday 20 May, demand x3 from 20:00 to
     * 20:30 (breaking news). Noise: 5 %.
     */
    public static String fourWeeks() {
        Random noise = new Random(20260504L);
        OffsetDateTime breaking = OffsetDateTime.of(2026, 5, 20, 20, 0, 0, 0, PARIS_SUMMER);
        StringBuilder csv = new StringBuilder("time,demand\n");
        long minutes = Duration.ofDays(28).toMinutes();
        for (int minute = 0; minute < minutes; minute++) {
            OffsetDateTime at = FOUR_WEEKS_START.plusMinutes(minute);
            int ofDay = at.getHour() * 60 + at.getMinute();
            double level = daily(ofDay);
            if (at.getDayOfWeek() == DayOfWeek.SATURDAY) {
                level *= evening(ofDay);
            }
            if (!at.isBefore(breaking) && at.isBefore(breaking.plusMinutes(30))) {
                level *= 3;
            }
            row(csv, at, level * (1 + 0.05 * noise.nextGaussian()));
        }
        return csv.toString();
    }

    /**
     * Saturday 30 May 2026, 18:00 to midnight, one row a minute: an audience of about 6 replicas grows slowly, then
     * the programme starts at 21:00 and demand goes x5 in two minutes (20:58 to 21:00), holds until 22:45 and
     * decays until 23:30. Noise: 3 %.
     */
    public static String primeTimeEvening() {
        Random noise = new Random(20260530L);
        OffsetDateTime start = OffsetDateTime.of(2026, 5, 30, 18, 0, 0, 0, PARIS_SUMMER);
        StringBuilder csv = new StringBuilder("time,demand\n");
        for (int minute = 0; minute < 6 * 60; minute++) {
            OffsetDateTime at = start.plusMinutes(minute);
            double base = 5 + minute / 180.0; // 5 at 18:00, 6 at 21:00
            double level = base * evening(at.getHour() * 60 + at.getMinute());
            row(csv, at, level * (1 + 0.03 * noise.nextGaussian()));
        }
        return csv.toString();
    }

    /**
     * {@code days} days from Monday 25 May 2026, one row a minute: a daily pattern (3 replicas at night, 8 by day,
     * 12 in the evening) and Saturday's football final at 21:00, x5 in two minutes, until 22:50. Noise: 5 %.
     */
    public static String weeklyFootball(int days) {
        Random noise = new Random(20260525L);
        OffsetDateTime start = OffsetDateTime.of(2026, 5, 25, 0, 0, 0, 0, PARIS_SUMMER);
        StringBuilder csv = new StringBuilder("time,demand\n");
        long minutes = Duration.ofDays(days).toMinutes();
        for (int minute = 0; minute < minutes; minute++) {
            OffsetDateTime at = start.plusMinutes(minute);
            int ofDay = at.getHour() * 60 + at.getMinute();
            double level = daily(ofDay);
            if (at.getDayOfWeek() == DayOfWeek.SATURDAY) {
                level *= evening(ofDay);
            }
            row(csv, at, level * (1 + 0.05 * noise.nextGaussian()));
        }
        return csv.toString();
    }

    /** x1 before 20:58, x5 from 21:00 to 22:45, back to x1 by 23:30, linear in between. */
    private static double evening(int minuteOfDay) {
        if (minuteOfDay < 20 * 60 + 58) {
            return 1;
        }
        if (minuteOfDay < 21 * 60) {
            return 1 + 4 * (minuteOfDay - (20 * 60 + 58)) / 2.0;
        }
        if (minuteOfDay < 22 * 60 + 45) {
            return 5;
        }
        if (minuteOfDay < 23 * 60 + 30) {
            return 5 - 4 * (minuteOfDay - (22 * 60 + 45)) / 45.0;
        }
        return 1;
    }

    /** 3 replicas at 04:00, 8 by day, 12 around 21:00: two cosines. */
    private static double daily(int minuteOfDay) {
        double hours = minuteOfDay / 60.0;
        double day = 5.5 - 2.5 * Math.cos((hours - 4) / 24 * 2 * Math.PI);
        double evening = 4 * Math.exp(-Math.pow((hours - 21) / 1.5, 2));
        return Math.max(0, day + evening);
    }

    private static void row(StringBuilder csv, OffsetDateTime at, double demand) {
        csv.append(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at))
                .append(',')
                .append(String.format(Locale.ROOT, "%.2f", Math.max(0, demand)))
                .append('\n');
    }
}
