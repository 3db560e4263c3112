package io.prescaler.scaler;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.prescaler.scaler.api.ExternalScalerGrpc;
import io.prescaler.scaler.api.GetMetricSpecResponse;
import io.prescaler.scaler.api.GetMetricsRequest;
import io.prescaler.scaler.api.GetMetricsResponse;
import io.prescaler.scaler.api.IsActiveResponse;
import io.prescaler.scaler.api.MetricSpec;
import io.prescaler.scaler.api.MetricValue;
import io.prescaler.scaler.api.ScaledObjectRef;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * KEDA's {@code externalscaler.ExternalScaler} service: each call decoded, decided by {@link ScaledObjectDecider},
 * encoded. Every failure is a gRPC status with a message naming the ScaledObject (and the annotation key, when one
 * is wrong); nothing escapes as an exception. {@code StreamMetricSpec} is not part of the API this file implements:
 * grpc-java answers UNIMPLEMENTED for it, as for any method it does not know.
 */
public final class ExternalScalerService extends ExternalScalerGrpc.ExternalScalerImplBase {

    private static final Logger LOG = LoggerFactory.getLogger(ExternalScalerService.class);

    private final ScaledObjectDecider decider;
    private final ActiveStreams streams;

    public ExternalScalerService(ScaledObjectDecider decider, ActiveStreams streams) {
        this.decider = Objects.requireNonNull(decider, "decider");
        this.streams = Objects.requireNonNull(streams, "streams");
    }

    @Override
    public void isActive(ScaledObjectRef ref, StreamObserver<IsActiveResponse> response) {
        answer("IsActive", ref, response, () -> {
            ScaledObjectDecider.Answer answer = decider.decide(ref.getNamespace(), ref.getName());
            if (answer instanceof ScaledObjectDecider.Answer.Decided decided) {
                response.onNext(IsActiveResponse.newBuilder()
                        .setResult(decided.active())
                        .build());
                response.onCompleted();
            } else {
                refuse("IsActive", ref, response, ((ScaledObjectDecider.Answer.Refused) answer).status());
            }
        });
    }

    @Override
    public void streamIsActive(ScaledObjectRef ref, StreamObserver<IsActiveResponse> response) {
        answer("StreamIsActive", ref, response, () -> {
            Status bad = ScaledObjectDecider.badReference(ref.getNamespace(), ref.getName());
            if (bad != null) {
                refuse("StreamIsActive", ref, response, bad);
                return;
            }
            streams.open(ref.getNamespace(), ref.getName(), (ServerCallStreamObserver<IsActiveResponse>) response);
        });
    }

    /**
     * The one metric, target 1. Answered for any well-formed reference, without looking the ScaledObject up: KEDA
     * asks while it builds the HPA, possibly before the exporter's informer has seen a ScaledObject just created,
     * and the answer does not depend on the object.
     */
    @Override
    public void getMetricSpec(ScaledObjectRef ref, StreamObserver<GetMetricSpecResponse> response) {
        answer("GetMetricSpec", ref, response, () -> {
            Status bad = ScaledObjectDecider.badReference(ref.getNamespace(), ref.getName());
            if (bad != null) {
                refuse("GetMetricSpec", ref, response, bad);
                return;
            }
            response.onNext(GetMetricSpecResponse.newBuilder()
                    .addMetricSpecs(MetricSpec.newBuilder()
                            .setMetricName(ScaledObjectDecider.METRIC_NAME)
                            .setTargetSize(1)
                            .setTargetSizeFloat(1.0))
                    .build());
            response.onCompleted();
        });
    }

    @Override
    public void getMetrics(GetMetricsRequest request, StreamObserver<GetMetricsResponse> response) {
        ScaledObjectRef ref = request.getScaledObjectRef();
        answer("GetMetrics", ref, response, () -> {
            String metricName = request.getMetricName();
            if (!ScaledObjectDecider.servesMetric(metricName)) {
                refuse(
                        "GetMetrics",
                        ref,
                        response,
                        Status.INVALID_ARGUMENT.withDescription("metricName \"" + metricName
                                + "\" is not served: the only metric is " + ScaledObjectDecider.METRIC_NAME));
                return;
            }
            ScaledObjectDecider.Answer answer = decider.decide(ref.getNamespace(), ref.getName());
            if (answer instanceof ScaledObjectDecider.Answer.Decided decided) {
                long value = decided.metricValue();
                response.onNext(GetMetricsResponse.newBuilder()
                        .addMetricValues(MetricValue.newBuilder()
                                .setMetricName(metricName)
                                .setMetricValue(value)
                                .setMetricValueFloat(value))
                        .build());
                response.onCompleted();
            } else {
                refuse("GetMetrics", ref, response, ((ScaledObjectDecider.Answer.Refused) answer).status());
            }
        });
    }

    /** Runs one call; whatever it throws becomes INTERNAL naming the call and the ScaledObject. */
    private static void answer(String rpc, ScaledObjectRef ref, StreamObserver<?> response, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("{} for {}/{} failed: {}", rpc, ref.getNamespace(), ref.getName(), e.toString(), e);
            try {
                response.onError(Status.INTERNAL
                        .withDescription(rpc + " for ScaledObject " + ref.getNamespace() + "/" + ref.getName()
                                + " failed: " + e.getClass().getSimpleName())
                        .asRuntimeException());
            } catch (RuntimeException alreadyClosed) {
                LOG.debug("{}: the call was already closed", rpc, alreadyClosed);
            }
        }
    }

    private static void refuse(String rpc, ScaledObjectRef ref, StreamObserver<?> response, Status status) {
        LOG.debug(
                "{} for {}/{}: {} {}",
                rpc,
                ref.getNamespace(),
                ref.getName(),
                status.getCode(),
                status.getDescription());
        response.onError(status.asRuntimeException());
    }
}
