package io.prescaler.exporter;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;

/**
 * For the {@code spike} benchmark: hands HPA objects to an exporter's spike guards exactly as its informer does on a
 * status update, without the round trip through an API server (10,000 status writes per 15 s round would measure the
 * mock API server, not the exporter).
 */
public final class SpikeFeed {

    private SpikeFeed() {}

    /** What the informer's handler does with an updated HPA, for the spike guards. */
    public static void statusUpdated(ExporterServer server, HorizontalPodAutoscaler hpa) {
        server.spikeGuards().updated(hpa);
    }

    /** How many HPAs have a detector. */
    public static int guarded(ExporterServer server) {
        return server.spikeGuards().size();
    }
}
