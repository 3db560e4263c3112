package io.prescaler.bench;

import io.prescaler.schedule.AnnotationKeys;
import io.prescaler.schedule.AnnotationParser;
import io.prescaler.schedule.MetricEncoding;
import io.prescaler.webhook.AdmissionHandler;
import io.prescaler.webhook.AdmissionReviewer;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The webhook's own work per admission, without HTTP or TLS: {@link AdmissionHandler#handle} (decode, review,
 * encode) called in a loop on one thread, as {@code WebhookServer} builds it, measured in the thread's CPU time and
 * the bytes it allocates. What the webhook costs beyond a bare HTTPS endpoint is this, plus the larger body it sends.
 *
 * <p>Run alone with {@code java -cp <test classpath> io.prescaler.bench.AdmissionWork [review.json] [warm-up s]
 * [measure s]}; the {@code webhook} suite prints it too.
 */
public final class AdmissionWork {

    /** Admissions between two looks at the clock: a look costs far less than an admission, but not nothing. */
    private static final int BATCH = 1_000;

    private static final Duration ROUND = Duration.ofSeconds(1);

    /**
     * What one-second rounds of admissions cost: their median is the figure, the spread says how noisy the machine
     * was (a burst of other work on the same core slows the admissions it overlaps).
     *
     * @param admissions how many admissions were measured, over every round
     * @param microsPerAdmission CPU time per admission in each round, ascending
     * @param bytesPerAdmission bytes allocated per admission in each round, ascending
     */
    public record Result(long admissions, List<Double> microsPerAdmission, List<Double> bytesPerAdmission) {

        public Result {
            microsPerAdmission = microsPerAdmission.stream().sorted().toList();
            bytesPerAdmission = bytesPerAdmission.stream().sorted().toList();
        }

        public double medianMicros() {
            return median(microsPerAdmission);
        }

        public double medianKilobytes() {
            return median(bytesPerAdmission) / 1_024;
        }

        private static double median(List<Double> sorted) {
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }

        @Override
        public String toString() {
            return String.format(
                    "admission work alone: %.1f us, %.1f KB per request (median of %d rounds of 1 s on one thread,"
                            + " %.1f-%.1f us; %,d admissions)",
                    medianMicros(),
                    medianKilobytes(),
                    microsPerAdmission.size(),
                    microsPerAdmission.get(0),
                    microsPerAdmission.get(microsPerAdmission.size() - 1),
                    admissions);
        }
    }

    private AdmissionWork() {}

    /** The handler the webhook serves with: direct encoding, the default keys, UTC, the system clock. */
    static AdmissionHandler handler() {
        return new AdmissionHandler(new AdmissionReviewer(
                new AnnotationParser(AnnotationKeys.DEFAULT, ZoneOffset.UTC),
                MetricEncoding.DIRECT,
                Clock.systemUTC()));
    }

    /**
     * Runs {@code review} through the handler for {@code warmUp} (for the JIT), then measures rounds of one second
     * for {@code measure}.
     */
    public static Result measure(byte[] review, Duration warmUp, Duration measure) {
        AdmissionHandler handler = handler();
        if (handler.handle(review).status() != 200) {
            throw new IllegalArgumentException("the review is not answered with HTTP 200; measure a readable one");
        }
        loop(handler, review, warmUp);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        long rounds = Math.max(1, measure.toSeconds());
        List<Double> micros = new ArrayList<>();
        List<Double> bytes = new ArrayList<>();
        long admissions = 0;
        for (long r = 0; r < rounds; r++) {
            long cpuBefore = threads.getCurrentThreadCpuTime();
            long allocatedBefore = threads.getThreadAllocatedBytes(thread);
            long n = loop(handler, review, ROUND);
            micros.add((threads.getCurrentThreadCpuTime() - cpuBefore) / 1_000.0 / n);
            bytes.add((double) (threads.getThreadAllocatedBytes(thread) - allocatedBefore) / n);
            admissions += n;
        }
        return new Result(admissions, micros, bytes);
    }

    private static long loop(AdmissionHandler handler, byte[] review, Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        long admissions = 0;
        int sink = 0;
        do {
            for (int i = 0; i < BATCH; i++) {
                sink += handler.handle(review).body().length;
            }
            admissions += BATCH;
        } while (System.nanoTime() < end);
        if (sink == 42) {
            // Never true (the bodies are longer); keeps the answers from being optimised away.
            System.out.println();
        }
        return admissions;
    }

    public static void main(String[] args) throws Exception {
        Path review = Path.of(args.length > 0 ? args[0] : "webhook/samples/create-hpa.json");
        Duration warmUp = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 10);
        Duration measure = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 10);
        System.out.println(review + ": " + measure(Files.readAllBytes(review), warmUp, measure));
    }
}
