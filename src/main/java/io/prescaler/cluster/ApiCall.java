package io.prescaler.cluster;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.prescaler.failure.ClusterException;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * One kind of API call, in RBAC's words: what a failure message names, and what a 403 says must be granted.
 *
 * @param verb the RBAC verb: {@code list}, {@code get}, {@code patch}...
 * @param resource the resource with its API group, as a Role names it: {@code horizontalpodautoscalers.autoscaling}
 * @param namespace the namespace of the call; null for every namespace or a cluster-scoped resource
 */
public record ApiCall(String verb, String resource, String namespace) {

    private static final Pattern FABRIC8_VERB = Pattern.compile("Operation: \\[(\\w+)]");

    public ApiCall {
        Objects.requireNonNull(verb, "verb");
        Objects.requireNonNull(resource, "resource");
    }

    public static ApiCall listHpas() {
        return new ApiCall("list", "horizontalpodautoscalers.autoscaling", null);
    }

    public static ApiCall getHpa(String namespace) {
        return new ApiCall("get", "horizontalpodautoscalers.autoscaling", namespace);
    }

    public static ApiCall listScaledObjects() {
        return new ApiCall("list", "scaledobjects.keda.sh", null);
    }

    public static ApiCall getScaledObject(String namespace) {
        return new ApiCall("get", "scaledobjects.keda.sh", namespace);
    }

    public static ApiCall getConfigMap(String namespace) {
        return new ApiCall("get", "configmaps", namespace);
    }

    /** The call a failure of fabric8 reports (its message names the verb, the exception the resource). */
    public static ApiCall of(KubernetesClientException e) {
        Matcher verb = FABRIC8_VERB.matcher(String.valueOf(e.getMessage()));
        String plural = e.getResourcePlural() == null ? "resources" : e.getResourcePlural();
        String group = e.getGroup() == null || e.getGroup().isEmpty() ? "" : "." + e.getGroup();
        return new ApiCall(verb.find() ? verb.group(1) : "call", plural + group, e.getNamespace());
    }

    /**
     * The one-line failure a command reports: {@code cannot list horizontalpodautoscalers.autoscaling in every
     * namespace at https://10.0.0.1:6443 (kubeconfig ~/.kube/config, context prod): connection refused}.
     */
    public ClusterException failed(ApiServer server, Throwable error) {
        return new ClusterException("cannot " + this + " at " + server + ": " + reason(error), error);
    }

    /** Why the call failed: the HTTP answer with what to do about it, else why no answer came. */
    public String reason(Throwable error) {
        KubernetesClientException answer = find(error, KubernetesClientException.class);
        if (answer != null && answer.getCode() > 0) {
            return switch (answer.getCode()) {
                case HttpURLConnection.HTTP_UNAUTHORIZED -> "401 Unauthorized: the API server refused the credentials"
                        + " (an expired token or client certificate? refresh the kubeconfig)";
                case HttpURLConnection.HTTP_FORBIDDEN -> "403 Forbidden: RBAC must grant " + verb + " on " + resource
                        + (namespace == null
                                ? " (a ClusterRole and ClusterRoleBinding)"
                                : " in namespace " + namespace + " (a Role and RoleBinding, or a ClusterRole)")
                        + serverSaid(answer);
                default -> "HTTP " + answer.getCode() + serverSaid(answer);
            };
        }
        return connectionProblem(error);
    }

    /**
     * Why no HTTP answer came, the innermost cause first in the project's words (DNS, refused, timeout, TLS), else
     * the messages along the cause chain: fabric8's own message alone rarely says what failed.
     */
    public static String connectionProblem(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            // Netty's connect timeout is a ConnectException too: look for it first.
            if (t.getClass().getSimpleName().equals("ConnectTimeoutException")
                    || t instanceof SocketTimeoutException
                    || t instanceof java.net.http.HttpConnectTimeoutException) {
                return "no connection within the connect timeout (--connect-timeout): " + message(t);
            }
        }
        UnknownHostException dns = find(error, UnknownHostException.class);
        if (dns != null) {
            return "DNS cannot resolve the host: " + message(dns);
        }
        ConnectException refused = find(error, ConnectException.class);
        if (refused != null) {
            return "connection refused (" + message(refused)
                    + "): no API server listens there; check the server URL and the network";
        }
        SSLException tls = find(error, SSLException.class);
        CertificateException certificate = find(error, CertificateException.class);
        if (tls != null || certificate != null) {
            return "TLS handshake failed: " + message(tls != null ? tls : certificate)
                    + " (does the kubeconfig's certificate-authority belong to this server?)";
        }
        if (find(error, TimeoutException.class) != null) {
            return "no answer within " + ClusterSettings.REQUEST_TIMEOUT.toSeconds() + " s";
        }
        Set<String> messages = new LinkedHashSet<>();
        for (Throwable t = error; t != null && messages.size() < 5; t = t.getCause()) {
            String text = t.getMessage();
            if (text != null && !text.isBlank() && !text.equals("An error has occurred.")) {
                messages.add(text.lines().findFirst().orElse(text));
            } else if (t.getCause() == null) {
                messages.add(t.getClass().getSimpleName());
            }
        }
        return String.join(": ", messages);
    }

    private static String serverSaid(KubernetesClientException e) {
        String message = e.getStatus() == null ? null : e.getStatus().getMessage();
        return message == null || message.isBlank() ? "" : "; the server said: " + message;
    }

    private static String message(Throwable t) {
        return t.getMessage() == null
                ? t.getClass().getSimpleName()
                : t.getMessage().lines().findFirst().orElse("");
    }

    private static <T extends Throwable> T find(Throwable error, Class<T> kind) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (kind.isInstance(t)) {
                return kind.cast(t);
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return verb + " " + resource + (namespace == null ? " in every namespace" : " in namespace " + namespace);
    }
}
