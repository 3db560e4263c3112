package io.prescaler.cluster;

import java.util.Objects;

/**
 * The API server a command talks to, and where that came from: what a user needs to tell a wrong cluster from an
 * unreachable one.
 *
 * @param url the server URL the client uses
 * @param origin how it was chosen: {@code in-cluster service account}, {@code kubeconfig FILE ($KUBECONFIG),
 *     context NAME}, {@code --kubeconfig FILE, context NAME}...
 */
public record ApiServer(String url, String origin) {

    public ApiServer {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(origin, "origin");
    }

    @Override
    public String toString() {
        return url + " (" + origin + ")";
    }
}
