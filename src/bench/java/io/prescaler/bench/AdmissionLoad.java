package io.prescaler.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLContext;

/**
 * Drives one HTTPS endpoint with the same request over keep-alive connections, one thread per connection. Connections
 * are opened (TLS handshake included) and used once before the clock starts.
 */
final class AdmissionLoad {

    /** What one load run measured. */
    record Outcome(long requests, long elapsedNanos, Latencies latencies) {

        double perSecond() {
            return requests * 1e9 / elapsedNanos;
        }
    }

    private final SSLContext tls;
    private final String path;
    private final byte[] body;

    AdmissionLoad(SSLContext tls, String path, byte[] body) {
        this.tls = tls;
        this.path = path;
        this.body = body.clone();
    }

    /** Closed loop: each connection sends its next request as soon as the previous answer is read. */
    Outcome closedLoop(int port, int connections, Duration duration) throws Exception {
        return run(port, connections, (connection, start, latencies) -> {
            long end = start + duration.toNanos();
            long requests = 0;
            for (long sent = System.nanoTime(); sent < end; sent = System.nanoTime()) {
                connection.exchange();
                latencies.add(System.nanoTime() - sent);
                requests++;
            }
            return requests;
        });
    }

    /**
     * Open loop at a fixed rate: request i is due at start + i / rate, taken by whichever connection is free. Its
     * latency counts from when it was due, not from when it was sent, so a stall delays and counts against every
     * request queued behind it (no coordinated omission).
     */
    Outcome fixedRate(int port, int connections, int perSecond, Duration duration) throws Exception {
        long total = duration.toSeconds() * perSecond;
        long interval = 1_000_000_000L / perSecond;
        AtomicLong next = new AtomicLong();
        return run(port, connections, (connection, start, latencies) -> {
            long requests = 0;
            for (long i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                long due = start + i * interval;
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                connection.exchange();
                latencies.add(System.nanoTime() - due);
                requests++;
            }
            return requests;
        });
    }

    private interface Loop {
        long run(KeepAliveConnection connection, long start, LatencyLog latencies) throws Exception;
    }

    private Outcome run(int port, int connections, Loop loop) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(connections);
        long[] start = new long[1];
        CyclicBarrier go = new CyclicBarrier(connections + 1, () -> start[0] = System.nanoTime());
        try {
            List<Future<LatencyLog>> workers = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                workers.add(threads.submit(() -> {
                    try (KeepAliveConnection connection = new KeepAliveConnection(tls, port, path, body)) {
                        try {
                            connection.exchange();
                            go.await();
                        } catch (Exception e) {
                            // Wakes the others and the caller: a connection that cannot start spoils the run.
                            go.reset();
                            throw e;
                        }
                        LatencyLog latencies = new LatencyLog();
                        loop.run(connection, start[0], latencies);
                        return latencies;
                    }
                }));
            }
            try {
                go.await(60, TimeUnit.SECONDS);
            } catch (BrokenBarrierException | TimeoutException e) {
                for (Future<LatencyLog> worker : workers) {
                    if (worker.isDone()) {
                        worker.get();
                    }
                }
                throw e;
            }
            LatencyLog all = new LatencyLog();
            for (Future<LatencyLog> worker : workers) {
                all.addAll(worker.get());
            }
            long elapsed = System.nanoTime() - start[0];
            return new Outcome(all.size(), elapsed, new Latencies(all.toArray()));
        } finally {
            threads.shutdownNow();
        }
    }

    /** A growable array of nanoseconds, so that recording costs no boxing on the measured path. */
    static final class LatencyLog {
        private long[] values = new long[1 << 14];
        private int size;

        void add(long nanos) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = nanos;
        }

        void addAll(LatencyLog other) {
            for (int i = 0; i < other.size; i++) {
                add(other.values[i]);
            }
        }

        int size() {
            return size;
        }

        long[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }
}
