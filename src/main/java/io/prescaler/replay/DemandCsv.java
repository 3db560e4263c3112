package io.prescaler.replay;

import io.prescaler.demand.DemandCurve;
import io.prescaler.failure.InvalidInputException;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Reads a demand curve from CSV: a header {@code time,demand}, then one row per point. {@code time} is RFC 3339 with
 * an offset ({@code 2026-05-30T20:55:00+02:00}) or epoch seconds; fractions of a second are dropped. {@code demand}
 * is the replicas the work needs, a plain decimal from 0 to {@value #MAX_DEMAND}. Rows must be in strictly
 * increasing time. Every problem names the line and the value; the first one stops the reading.
 */
public final class DemandCsv {

    /** At most this many rows: a year at one-minute steps, far more than a replay spans. */
    public static final int MAX_ROWS = 1_000_000;

    public static final int MAX_DEMAND = 1_000_000;

    private static final Pattern DECIMAL = Pattern.compile("\\d{1,9}(\\.\\d{1,9})?");
    private static final Pattern EPOCH = Pattern.compile("\\d{1,12}(\\.\\d{1,9})?");
    private static final int MAX_LINE = 200;

    private DemandCsv() {}

    /**
     * @param source the file name, for messages
     * @throws InvalidInputException naming the source, the line and the value
     */
    public static DemandCurve parse(String text, String source) {
        String[] lines = text.split("\r?\n", -1);
        long[] seconds = new long[Math.min(lines.length, MAX_ROWS)];
        double[] demand = new double[seconds.length];
        int count = 0;
        boolean header = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            int number = i + 1;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.length() > MAX_LINE) {
                throw problem(source, number, "a line of " + line.length() + " characters; rows are time,demand");
            }
            if (!header) {
                if (!line.replace(" ", "").equalsIgnoreCase("time,demand")) {
                    throw problem(source, number, "the header must be 'time,demand', got '" + line + "'");
                }
                header = true;
                continue;
            }
            if (count == MAX_ROWS) {
                throw problem(source, number, "more than " + MAX_ROWS + " rows");
            }
            String[] cells = line.split(",", -1);
            if (cells.length != 2) {
                throw problem(source, number, "expected 2 columns (time,demand), got " + cells.length);
            }
            long second = time(cells[0].strip(), source, number);
            double value = demand(cells[1].strip(), source, number);
            if (count > 0 && second <= seconds[count - 1]) {
                throw problem(
                        source,
                        number,
                        "time " + cells[0].strip() + (second == seconds[count - 1] ? " repeats" : " goes back")
                                + " (rows must be in strictly increasing time)");
            }
            seconds[count] = second;
            demand[count] = value;
            count++;
        }
        if (!header) {
            throw new InvalidInputException(source + ": empty: expected a header 'time,demand' and rows");
        }
        if (count == 0) {
            throw new InvalidInputException(source + ": no rows after the header");
        }
        return DemandCurve.of(Arrays.copyOf(seconds, count), Arrays.copyOf(demand, count));
    }

    private static long time(String cell, String source, int line) {
        if (EPOCH.matcher(cell).matches()) {
            int dot = cell.indexOf('.');
            return Long.parseLong(dot < 0 ? cell : cell.substring(0, dot));
        }
        try {
            return OffsetDateTime.parse(cell).toEpochSecond();
        } catch (DateTimeParseException e) {
            throw problem(
                    source,
                    line,
                    "time '" + cell + "' is neither RFC 3339 with an offset (2026-05-30T20:55:00+02:00) nor epoch"
                            + " seconds");
        }
    }

    private static double demand(String cell, String source, int line) {
        if (!DECIMAL.matcher(cell).matches()) {
            throw problem(
                    source, line, "demand '" + cell + "' is not a decimal >= 0 (replicas, for example 12 or 4.5)");
        }
        double value = new BigDecimal(cell).doubleValue();
        if (value > MAX_DEMAND) {
            throw problem(source, line, "demand " + cell + " is above " + MAX_DEMAND + " replicas");
        }
        return value;
    }

    private static InvalidInputException problem(String source, int line, String what) {
        return new InvalidInputException(source + ": line " + line + ": " + what);
    }
}
