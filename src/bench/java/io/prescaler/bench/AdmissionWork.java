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

    /**
     * @param admissions how many admissions were measured
     * @param cpuNanos the measuring thread's CPU time for them
     * @param allocatedBytes what the measuring thread allocated for them
     */
    public record Result(long admissions, long cpuNanos, long allocatedBytes) {

        public double microsPerAdmission() {
            return cpuNanos / 1_000.0 / admissions;
        }

        public double kilobytesPerAdmission() {
            return allocatedBytes / 1_024.0 / admissions;
        }

        @Override
        public String toString() {
            return String.format(
                    "admission work alone: %.1f us, %.1f KB per request (%,d admissions on one thread)",
                    microsPerAdmission(), kilobytesPerAdmission(), admissions);
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

    /** Runs {@code review} through the handler for {@code warmUp} (for the JIT), then measures for {@code measure}. */
    public static Result measure(byte[] review, Duration warmUp, Duration measure) {
        AdmissionHandler handler = handler();
        if (handler.handle(review).status() != 200) {
            throw new IllegalArgumentException("the review is not answered with HTTP 200; measure a readable one");
        }
        loop(handler, review, warmUp);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        long cpuBefore = threads.getCurrentThreadCpuTime();
        long allocatedBefore = threads.getThreadAllocatedBytes(thread);
        long admissions = loop(handler, review, measure);
        long cpu = threads.getCurrentThreadCpuTime() - cpuBefore;
        long allocated = threads.getThreadAllocatedBytes(thread) - allocatedBefore;
        return new Result(admissions, cpu, allocated);
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
