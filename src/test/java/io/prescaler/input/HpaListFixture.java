package io.prescaler.input;

/** A {@code kubectl get hpa -A -o yaml} output of many prescaled HPAs, as large as a big cluster's. */
public final class HpaListFixture {

    private HpaListFixture() {}

    public static String kubectlList(int hpas) {
        StringBuilder yaml = new StringBuilder("apiVersion: v1\nitems:\n");
        for (int i = 0; i < hpas; i++) {
            yaml.append(
                    """
                    - apiVersion: autoscaling/v2
                      kind: HorizontalPodAutoscaler
                      metadata:
                        annotations:
                          annotations.scaling.exporter.replica.min: "10"
                          annotations.scaling.exporter.time.start: "19:30"
                          annotations.scaling.exporter.time.end: "23:30"
                        creationTimestamp: "2026-05-01T08:00:00Z"
                        labels:
                          app.kubernetes.io/name: app-%1$d
                          app.kubernetes.io/part-of: storefront
                        name: app-%1$d
                        namespace: team-%1$d
                        resourceVersion: "%2$d"
                        uid: 6f1c2a4e-0000-4000-8000-%3$012d
                      spec:
                        maxReplicas: 40
                        metrics:
                        - resource:
                            name: cpu
                            target:
                              averageUtilization: 70
                              type: Utilization
                          type: Resource
                        minReplicas: 2
                        scaleTargetRef:
                          apiVersion: apps/v1
                          kind: Deployment
                          name: app-%1$d
                      status:
                        conditions:
                        - lastTransitionTime: "2026-05-01T08:01:00Z"
                          message: recommended size matches current size
                          reason: ReadyForNewScale
                          status: "True"
                          type: AbleToScale
                        currentMetrics:
                        - resource:
                            current:
                              averageUtilization: 41
                              averageValue: 205m
                            name: cpu
                          type: Resource
                        currentReplicas: 2
                        desiredReplicas: 2
                    """
                            .formatted(i, 100_000 + i, i));
        }
        return yaml.append("kind: List\nmetadata:\n  resourceVersion: \"\"\n").toString();
    }
}
