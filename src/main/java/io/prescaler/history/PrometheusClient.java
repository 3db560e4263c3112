package io.prescaler.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.prescaler.demand.DemandCurve;
import io.prescaler.failure.InvalidInputException;
import io.prescaler.history.QueryFailure.Cause;
import io.prescaler.tls.Pem;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * Reads one demand series from the Prometheus HTTP API's {@code query_range}: a span longer than one request may
 * hold is read in consecutive requests of at most {@link #POINTS_PER_REQUEST} steps (Prometheus refuses more than
 * 11,000 points per series), and the whole read is bounded by {@link PrometheusSettings#maxPoints()} samples and
 * each body by {@link PrometheusSettings#maxResponseBytes()}. Requests are POSTed as a form, as Prometheus, Thanos
 * and Mimir accept, so a long PromQL expression never meets a URL length limit.
 *
 * <p>Thread-safe: the exporter's refresh loop reads for many HPAs at once through one client (one connection
 * pool).
 */
public final class PrometheusClient implements AutoCloseable {

    /** Steps per request: below Prometheus's 11,000-point limit per series. */
    static final int POINTS_PER_REQUEST = 10_000;

    private static final int EXCERPT = 300;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrometheusSettings settings;
    private final Optional<BearerToken> token;
    private final ExecutorService executor;
    private final HttpClient http;
    private final URI queryRange;

    /**
     * @throws InvalidInputException when the CA file cannot be read or holds no certificate
     */
    public PrometheusClient(PrometheusSettings settings) {
        this.settings = settings;
        this.token = settings.bearerTokenFile().map(BearerToken::new);
        this.queryRange = settings.endpoint("query_range");
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "prometheus-client");
            thread.setDaemon(true);
            return thread;
        });
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .executor(executor);
        settings.caFile().ifPresent(file -> builder.sslContext(trusting(file)));
        this.http = builder.build();
    }

    public PrometheusSettings settings() {
        return settings;
    }

    /**
     * The samples of {@code query} from {@code start} to {@code end} (inclusive, whole seconds), one per
     * {@code step}: the instants Prometheus evaluates are {@code start}, {@code start + step}, ...
     */
    public RangeResult queryRange(String query, Instant start, Instant end, Duration step) {
        return queryRange(query, start, end, step, 0);
    }

    /**
     * The highest value of {@code query} in each step from {@code start} to {@code end}: the point at {@code t} (a
     * multiple of the step) holds the maximum over {@code [t, t + step)}, read as {@code max_over_time} of the query
     * over the step, evaluated a second before the step's end (a subquery's range leaves its start out and takes its
     * end in), so no peak between two steps is lost and none counts in two. What a demand curve read for a replay
     * or a forecast should hold: the step curve then never sits below the demand it summarises.
     */
    public RangeResult stepMaxima(String query, Instant start, Instant end, Duration step) {
        long stepSeconds = step.toSeconds();
        long first = Math.floorDiv(start.getEpochSecond(), stepSeconds) * stepSeconds;
        long last = Math.floorDiv(end.getEpochSecond(), stepSeconds) * stepSeconds;
        return queryRange(
                "max_over_time((" + query + ")[" + stepSeconds + "s:])",
                Instant.ofEpochSecond(first + stepSeconds - 1),
                Instant.ofEpochSecond(last + stepSeconds - 1),
                step,
                stepSeconds - 1);
    }

    /** {@link #queryRange} with every sample's time moved {@code shift} seconds back. */
    private RangeResult queryRange(String query, Instant start, Instant end, Duration step, long shift) {
        long stepSeconds = step.toSeconds();
        if (stepSeconds < 1) {
            throw new IllegalArgumentException("the step is at least one second");
        }
        long from = start.getEpochSecond();
        long to = end.getEpochSecond();
        if (to < from) {
            throw new IllegalArgumentException("the span ends before it starts");
        }
        long points = (to - from) / stepSeconds + 1;
        if (points > settings.maxPoints()) {
            return new RangeResult.Failed(
                    new QueryFailure(
                            Cause.TOO_LARGE,
                            "reading " + start + " to " + end + " every " + stepSeconds + " s is " + points
                                    + " samples, more than the " + settings.maxPoints() + " one read may hold"),
                    0);
        }
        Samples samples = new Samples((int) points);
        int queries = 0;
        for (long chunkStart = from; chunkStart <= to; chunkStart += POINTS_PER_REQUEST * stepSeconds) {
            long chunkEnd = Math.min(to, chunkStart + (POINTS_PER_REQUEST - 1) * stepSeconds);
            queries++;
            Optional<QueryFailure> failure = read(query, chunkStart, chunkEnd, stepSeconds, shift, samples);
            if (failure.isPresent()) {
                return new RangeResult.Failed(failure.get(), queries);
            }
        }
        if (samples.size == 0) {
            return new RangeResult.Failed(
                    new QueryFailure(
                            Cause.EMPTY,
                            server() + ": the query returned no samples from " + start.minusSeconds(shift) + " to "
                                    + end.minusSeconds(shift) + ": " + query),
                    queries);
        }
        return new RangeResult.Samples(samples.curve(), queries);
    }

    /** One request, its samples appended to {@code samples}; the failure when it gave none. */
    private Optional<QueryFailure> read(String query, long start, long end, long step, long shift, Samples samples) {
        HttpRequest request;
        try {
            request = request(query, start, end, step);
        } catch (IOException e) {
            return Optional.of(new QueryFailure(
                    Cause.CREDENTIALS,
                    "cannot read the bearer-token file "
                            + token.map(BearerToken::file).orElseThrow() + ": " + message(e)));
        }
        HttpResponse<InputStream> response;
        byte[] body;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, settings.maxResponseBytes() + 1));
            }
        } catch (HttpConnectTimeoutException e) {
            return failure(Cause.TIMEOUT, "no connection within " + seconds(settings.timeout()));
        } catch (HttpTimeoutException e) {
            return failure(Cause.TIMEOUT, "no answer within " + seconds(settings.timeout()));
        } catch (ConnectException e) {
            return failure(Cause.UNREACHABLE, "cannot connect (" + message(e) + ")");
        } catch (SSLException e) {
            return failure(Cause.UNREACHABLE, "TLS failed (" + message(e) + ")");
        } catch (IOException e) {
            return failure(Cause.UNREACHABLE, "the request failed (" + message(e) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failure(Cause.UNREACHABLE, "interrupted while waiting for an answer");
        }
        if (body.length > settings.maxResponseBytes()) {
            return failure(
                    Cause.TOO_LARGE,
                    "the answer is larger than " + settings.maxResponseBytes() + " bytes (the query returns too"
                            + " many series or samples)");
        }
        return answer(response.statusCode(), body, query, shift, samples);
    }

    private HttpRequest request(String query, long start, long end, long step) throws IOException {
        String form = "query=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&start=" + start + "&end=" + end
                + "&step=" + step;
        HttpRequest.Builder builder = HttpRequest.newBuilder(queryRange)
                .timeout(settings.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .header("User-Agent", "prescaler")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8));
        settings.headers().forEach(builder::header);
        if (token.isPresent()) {
            builder.header("Authorization", "Bearer " + token.get().value());
        }
        return builder.build();
    }

    private Optional<QueryFailure> answer(int status, byte[] body, String query, long shift, Samples samples) {
        Optional<JsonNode> json = parse(body);
        Optional<String> apiError = json.filter(
                        node -> "error".equals(node.path("status").asText()))
                .map(node -> node.path("errorType").asText("error") + ": "
                        + node.path("error").asText(""));
        if (status == 401 || status == 403) {
            return failure(
                    Cause.UNAUTHORIZED,
                    "HTTP " + status + " (check the bearer token and the tenant header): " + excerpt(body));
        }
        if (status >= 500) {
            return failure(Cause.SERVER_ERROR, "HTTP " + status + ": " + apiError.orElseGet(() -> excerpt(body)));
        }
        if (apiError.isPresent() && (status == 400 || status == 422 || status == 200)) {
            return failure(Cause.QUERY_ERROR, "Prometheus rejected the query " + query + ": " + apiError.get());
        }
        if (status != 200) {
            return failure(
                    Cause.HTTP_ERROR,
                    "HTTP " + status + " from " + queryRange + " (is the URL's path" + " prefix right?): "
                            + excerpt(body));
        }
        if (json.isEmpty() || !"success".equals(json.get().path("status").asText())) {
            return failure(Cause.BAD_RESPONSE, "the answer is not the Prometheus API's JSON: " + excerpt(body));
        }
        JsonNode data = json.get().path("data");
        if (!"matrix".equals(data.path("resultType").asText())) {
            return failure(
                    Cause.NOT_ONE_SERIES,
                    "the query gives a " + data.path("resultType").asText("?") + ", not a range of one series: "
                            + query);
        }
        JsonNode result = data.path("result");
        if (result.size() > 1) {
            return failure(
                    Cause.NOT_ONE_SERIES,
                    "the query returns " + result.size() + " series; demand is one"
                            + " series (aggregate it, e.g. max(...)): " + query);
        }
        if (result.size() == 1) {
            for (JsonNode pair : result.get(0).path("values")) {
                double at = pair.path(0).asDouble(Double.NaN);
                double value = parseValue(pair.path(1).asText(""));
                // NaN, infinities and negative values are no demand: left out, the step curve holds the last one.
                if (!Double.isNaN(at) && Double.isFinite(value) && value >= 0) {
                    samples.add((long) Math.floor(at) - shift, value);
                }
            }
        }
        return Optional.empty();
    }

    private static double parseValue(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static Optional<JsonNode> parse(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private Optional<QueryFailure> failure(Cause cause, String what) {
        return Optional.of(new QueryFailure(cause, server() + ": " + what));
    }

    private String server() {
        return "Prometheus " + settings.url();
    }

    private static String excerpt(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, EXCERPT * 4), StandardCharsets.UTF_8)
                .replaceAll("\\s+", " ")
                .strip();
        if (text.isEmpty()) {
            return "(empty body)";
        }
        return text.length() > EXCERPT ? text.substring(0, EXCERPT) + "..." : text;
    }

    private static String message(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() / 1000.0 + " s";
    }

    private static SSLContext trusting(Path caFile) {
        try {
            List<X509Certificate> certificates = Pem.certificates(Files.readString(caFile, StandardCharsets.US_ASCII));
            if (certificates.isEmpty()) {
                throw new InvalidInputException("--prometheus-ca-file " + caFile + " holds no PEM certificate");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < certificates.size(); i++) {
                store.setCertificateEntry("ca-" + i, certificates.get(i));
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new InvalidInputException("--prometheus-ca-file " + caFile + " cannot be read: " + message(e), e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    /** Samples in order, growing as chunks arrive; a time not after the last one is dropped. */
    private static final class Samples {
        long[] seconds;
        double[] values;
        int size;

        Samples(int expected) {
            int capacity = Math.max(16, Math.min(expected, 16_384));
            seconds = new long[capacity];
            values = new double[capacity];
        }

        void add(long second, double value) {
            if (size > 0 && second <= seconds[size - 1]) {
                return;
            }
            if (size == seconds.length) {
                seconds = Arrays.copyOf(seconds, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            seconds[size] = second;
            values[size] = value;
            size++;
        }

        DemandCurve curve() {
            return DemandCurve.of(Arrays.copyOf(seconds, size), Arrays.copyOf(values, size));
        }
    }
}
