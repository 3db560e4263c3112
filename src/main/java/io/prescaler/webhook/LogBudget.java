package io.prescaler.webhook;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * How many admission lines may be written per second. An operator reads every decision at the rate HPAs change;
 * a burst (a rollout of many HPAs, a load test, a client flooding the webhook with bad bodies) is written up to the
 * budget and the rest counted, and the count said once the next second starts. Lines cost the request threads
 * nothing beyond the budget: once it is spent, a request only reads the shared count of lines written and adds to a
 * {@link LongAdder}, so that threads on different cores do not take turns at one counter for every admission.
 */
final class LogBudget {

    private final int perSecond;
    private final LongSupplier nanoTime;
    private final AtomicLong second = new AtomicLong(Long.MIN_VALUE);

    private final AtomicLong written = new AtomicLong();
    private final LongAdder suppressed = new LongAdder();

    LogBudget(int perSecond, LongSupplier nanoTime) {
        this.perSecond = perSecond;
        this.nanoTime = nanoTime;
    }

    /**
     * Whether one more line fits this second's budget.
     *
     * @param onSuppressed told how many lines the previous seconds suppressed, once, when a new second starts
     */
    boolean tryWrite(LongConsumer onSuppressed) {
        long now = nanoTime.getAsLong() / 1_000_000_000L;
        long current = second.get();
        if (now != current && second.compareAndSet(current, now)) {
            written.set(0);
            long dropped = suppressed.sumThenReset();
            if (dropped > 0) {
                onSuppressed.accept(dropped);
            }
        }
        if (written.get() < perSecond && written.incrementAndGet() <= perSecond) {
            return true;
        }
        suppressed.increment();
        return false;
    }
}
