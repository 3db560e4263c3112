package io.prescaler.tls;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.HttpConnection;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection whose request head (TLS handshake, request line and headers) is not all in within the
 * deadline. The idle timeout alone never closes a client that sends a header byte every few seconds (slowloris);
 * the body has its own bound, the minimum data rate. A connection between keep-alive requests is left to the idle
 * timeout, a request being handled to the handler.
 */
public final class RequestHeadDeadline implements Connection.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(RequestHeadDeadline.class);

    private final Scheduler scheduler;
    private final long deadlineNanos;
    private final long checkMillis;

    public RequestHeadDeadline(Scheduler scheduler, Duration deadline) {
        this.scheduler = scheduler;
        this.deadlineNanos = deadline.toNanos();
        this.checkMillis = Math.max(50, Math.min(1000, deadline.toMillis() / 4));
    }

    @Override
    public void onOpened(Connection connection) {
        if (connection instanceof HttpConnection http) {
            new Watch(http).schedule();
        }
    }

    @Override
    public void onClosed(Connection connection) {}

    /** One connection's clock: restarted whenever a request head completes or the connection is not awaiting one. */
    private final class Watch implements Runnable {

        private final HttpConnection http;
        private long requests;
        private long since = System.nanoTime();

        Watch(HttpConnection http) {
            this.http = http;
        }

        void schedule() {
            scheduler.schedule(this, checkMillis, TimeUnit.MILLISECONDS);
        }

        @Override
        public void run() {
            if (!http.getEndPoint().isOpen()) {
                return;
            }
            long now = System.nanoTime();
            long seen = http.getHttpChannel().getRequests();
            HttpParser parser = http.getParser();
            boolean awaitingHead = seen == 0 || (parser.inHeaderState() && !parser.isStart());
            if (seen != requests || !awaitingHead) {
                requests = seen;
                since = now;
            } else if (now - since >= deadlineNanos) {
                LOG.debug("closing {}: request head not received within the deadline", http.getEndPoint());
                http.getEndPoint().close();
                return;
            }
            schedule();
        }
    }
}
