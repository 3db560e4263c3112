package io.prescaler.scaler;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.prescaler.scaler.api.IsActiveResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open {@code StreamIsActive} calls: each gets the ScaledObject's activity when it opens, then again whenever it
 * changes. Changes come from time (a window opens, an event ends) and from the ScaledObject itself (its annotations
 * edited, it is deleted); every stream is decided again every {@code interval} and right after the informer reports
 * a change, so a change reaches KEDA within {@code interval} plus the time to send it. One thread decides and sends
 * for all streams, so no stream is ever written from two threads; a client that disconnects is dropped at once.
 */
public final class ActiveStreams implements AutoCloseable {

    /** Streams beyond this are refused (RESOURCE_EXHAUSTED): KEDA opens one per ScaledObject and operator replica. */
    public static final int MAX_STREAMS = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(ActiveStreams.class);

    private final ScaledObjectDecider decider;
    private final Duration interval;
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean pending = new AtomicBoolean();
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "keda-active-streams");
        t.setDaemon(true);
        return t;
    });

    private static final class Subscriber {
        final String namespace;
        final String name;
        final ServerCallStreamObserver<IsActiveResponse> observer;
        /** The last activity sent; null before the first. Only the sender thread reads and writes it. */
        Boolean sent;

        Subscriber(String namespace, String name, ServerCallStreamObserver<IsActiveResponse> observer) {
            this.namespace = namespace;
            this.name = name;
            this.observer = observer;
        }
    }

    /** @param interval how often every stream is decided again, besides after each change of a ScaledObject */
    public ActiveStreams(ScaledObjectDecider decider, Duration interval) {
        this.decider = decider;
        this.interval = interval;
    }

    public ActiveStreams start() {
        long millis = interval.toMillis();
        sender.scheduleWithFixedDelay(this::sendAll, millis, millis, TimeUnit.MILLISECONDS);
        return this;
    }

    /** A ScaledObject changed: decide every stream again soon (coalesced: one pass for a burst of changes). */
    public void changed() {
        if (pending.compareAndSet(false, true)) {
            submit(() -> {
                pending.set(false);
                sendAll();
            });
        }
    }

    /** Opens a stream for the ScaledObject; called on the call's own thread, so the cancel handler is set in time. */
    void open(String namespace, String name, ServerCallStreamObserver<IsActiveResponse> observer) {
        if (subscribers.size() >= MAX_STREAMS) {
            observer.onError(Status.RESOURCE_EXHAUSTED
                    .withDescription(MAX_STREAMS + " StreamIsActive calls are open already")
                    .asRuntimeException());
            return;
        }
        Subscriber subscriber = new Subscriber(namespace, name, observer);
        observer.setOnCancelHandler(() -> {
            subscribers.remove(subscriber);
            LOG.debug("StreamIsActive for {}/{}: the client went away", namespace, name);
        });
        subscribers.add(subscriber);
        if (!submit(() -> send(subscriber))) {
            subscribers.remove(subscriber);
            observer.onError(Status.UNAVAILABLE
                    .withDescription("the exporter is shutting down")
                    .asRuntimeException());
        }
    }

    /** How many streams are open. */
    public int size() {
        return subscribers.size();
    }

    private boolean submit(Runnable task) {
        try {
            sender.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    private void sendAll() {
        for (Subscriber subscriber : subscribers) {
            send(subscriber);
        }
    }

    private void send(Subscriber subscriber) {
        if (!subscribers.contains(subscriber)) {
            return;
        }
        try {
            if (subscriber.observer.isCancelled()) {
                subscribers.remove(subscriber);
                return;
            }
            ScaledObjectDecider.Answer answer = decider.decide(subscriber.namespace, subscriber.name);
            if (answer instanceof ScaledObjectDecider.Answer.Decided decided) {
                boolean active = decided.active();
                if (subscriber.sent == null || subscriber.sent != active) {
                    subscriber.observer.onNext(
                            IsActiveResponse.newBuilder().setResult(active).build());
                    subscriber.sent = active;
                }
            } else {
                subscribers.remove(subscriber);
                subscriber.observer.onError(
                        ((ScaledObjectDecider.Answer.Refused) answer).status().asRuntimeException());
            }
        } catch (RuntimeException e) {
            // One stream's failure (its client gone mid-send, a decision that throws) never stops the others.
            subscribers.remove(subscriber);
            LOG.debug("StreamIsActive for {}/{} closed: {}", subscriber.namespace, subscriber.name, e.toString());
            try {
                subscriber.observer.onError(Status.INTERNAL
                        .withDescription("StreamIsActive for ScaledObject " + subscriber.namespace + "/"
                                + subscriber.name + " failed: " + e.getClass().getSimpleName())
                        .asRuntimeException());
            } catch (RuntimeException closed) {
                LOG.trace("already closed", closed);
            }
        }
    }

    /** Ends every stream with UNAVAILABLE, so that KEDA reconnects (to another exporter replica, if any). */
    @Override
    public void close() {
        sender.shutdownNow();
        try {
            sender.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Subscriber subscriber : subscribers) {
            subscribers.remove(subscriber);
            try {
                subscriber.observer.onError(Status.UNAVAILABLE
                        .withDescription("the exporter is shutting down")
                        .asRuntimeException());
            } catch (RuntimeException closed) {
                LOG.trace("already closed", closed);
            }
        }
    }
}
