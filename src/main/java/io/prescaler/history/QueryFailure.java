package io.prescaler.history;

import java.util.Objects;

/**
 * Why a read from Prometheus gave no samples, as a value: the refresh loop counts and exports it per HPA, {@code
 * replay} prints it.
 *
 * @param message one line for the reader: what was asked of which server, and what came back
 */
public record QueryFailure(Cause cause, String message) {

    public QueryFailure {
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(message, "message");
    }

    /** The kinds of failure, each with the label value the exporter's error counter uses. */
    public enum Cause {
        /** No connection: refused, DNS, TLS handshake, or the connection dropped. */
        UNREACHABLE("unreachable"),
        /** No answer within the timeout. */
        TIMEOUT("timeout"),
        /** 401 or 403: the token, or the tenant header, is not accepted. */
        UNAUTHORIZED("unauthorized"),
        /** A 5xx answer (Prometheus overloaded, a proxy or a query frontend failing). */
        SERVER_ERROR("server_error"),
        /** Any other HTTP status that is not an answer of the API (404 for a wrong path prefix, 429). */
        HTTP_ERROR("http_error"),
        /** Prometheus rejected or failed the PromQL expression (bad_data, execution, timeout in the engine). */
        QUERY_ERROR("query_error"),
        /** The expression returned no series over the span. */
        EMPTY("empty"),
        /** The expression returned several series, or not a range: demand is one series (wrap it in max()). */
        NOT_ONE_SERIES("not_one_series"),
        /** The answer, or the span asked, is larger than the bounds set. */
        TOO_LARGE("too_large"),
        /** The answer is not the API's JSON. */
        BAD_RESPONSE("bad_response"),
        /** The bearer-token file cannot be read. */
        CREDENTIALS("credentials");

        private final String label;

        Cause(String label) {
            this.label = label;
        }

        /** The value of the {@code cause} label. */
        public String label() {
            return label;
        }
    }
}
