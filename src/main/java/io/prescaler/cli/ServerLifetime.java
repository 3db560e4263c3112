package io.prescaler.cli;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps a server command running until the JVM is asked to stop, then closes its parts in order. */
final class ServerLifetime {

    private static final Logger LOG = LoggerFactory.getLogger(ServerLifetime.class);

    private ServerLifetime() {}

    /** Blocks until SIGTERM (or another JVM shutdown), then closes {@code parts} in the order given. */
    static void runUntilStopped(List<AutoCloseable> parts) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            LOG.info("shutting down");
                            for (AutoCloseable part : parts) {
                                try {
                                    part.close();
                                } catch (Exception e) {
                                    LOG.warn("closing {} failed: {}", part, e.toString());
                                }
                            }
                            stopped.countDown();
                        },
                        "shutdown"));
        stopped.await();
    }
}
