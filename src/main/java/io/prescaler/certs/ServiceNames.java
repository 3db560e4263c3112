package io.prescaler.certs;

import java.util.List;

/** The DNS names a client may use for a Service; the API server calls a webhook as NAME.NAMESPACE.svc. */
public final class ServiceNames {

    private ServiceNames() {}

    public static List<String> of(String service, String namespace) {
        return List.of(
                service + "." + namespace + ".svc",
                service + "." + namespace + ".svc.cluster.local",
                service + "." + namespace,
                service);
    }
}
