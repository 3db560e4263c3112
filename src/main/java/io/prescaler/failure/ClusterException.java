package io.prescaler.failure;

/**
 * The API server could not be reached or refused a call. The message names the server (URL and where it came
 * from: in-cluster, $KUBECONFIG, --kubeconfig, context) and why (DNS, connection refused, TLS, 401, 403 with the
 * verb and resource RBAC must grant). Exit 1.
 */
public final class ClusterException extends PrescalerException {

    public ClusterException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int exitCode() {
        return ExitCode.FAILED;
    }
}
