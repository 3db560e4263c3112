package io.prescaler.history;

/**
 * The PromQL of an HPA's demand as the exporter publishes it, the default signal of the forecast and of {@code
 * replay --prometheus-url}: {@code max(prescaling_demand_replicas{namespace="NS",hpa="NAME"})}, one series
 * whatever the number of exporter replicas.
 */
public final class DemandSignal {

    public static final String SERIES = "prescaling_demand_replicas";

    private DemandSignal() {}

    public static String of(String namespace, String name) {
        return "max(" + SERIES + "{namespace=\"" + escaped(namespace) + "\",hpa=\"" + escaped(name) + "\"})";
    }

    private static String escaped(String labelValue) {
        return labelValue.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
