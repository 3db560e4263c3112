package io.prescaler.webhook;

import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Body in, answer out: decodes the AdmissionReview, asks the reviewer, encodes its answer. Every outcome is a
 * well-formed AdmissionReview carrying the request's uid; a body without a readable uid gets HTTP 400 with the
 * reason. Nothing here throws.
 */
public final class AdmissionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(AdmissionHandler.class);

    /** An HTTP status and an AdmissionReview JSON body. */
    public record Answer(int status, byte[] body) {}

    private final AdmissionReviewer reviewer;
    /** Admission lines written per second at most; the rest are counted (see {@link LogBudget}). */
    static final int LOG_LINES_PER_SECOND = 20;

    private final AdmissionReviewCodec codec = new AdmissionReviewCodec();
    private final LogBudget logBudget = new LogBudget(LOG_LINES_PER_SECOND, System::nanoTime);

    public AdmissionHandler(AdmissionReviewer reviewer) {
        this.reviewer = Objects.requireNonNull(reviewer, "reviewer");
    }

    public Answer handle(byte[] body) {
        AdmissionReviewCodec.Decoded decoded = codec.read(body);
        if (decoded instanceof AdmissionReviewCodec.Decoded.Unreadable unreadable) {
            return unreadable(unreadable.uid(), unreadable.reason());
        }
        AdmissionRequest request = ((AdmissionReviewCodec.Decoded.Request) decoded).request();
        AdmissionResponse response;
        try {
            response = reviewer.review(request);
        } catch (RuntimeException | StackOverflowError e) {
            // A bug must not block HPA writes (the configuration says failurePolicy: Ignore for the same reason):
            // admit unchanged and say so.
            LOG.error(
                    "admission review failed, admitting unchanged: {} error={}",
                    fields(request),
                    LogQuote.of(e.toString()),
                    e);
            response = AdmissionResponse.allowed(
                    request.uid(),
                    List.of("the prescaler webhook failed on this object and admitted it unchanged: " + e));
        }
        log(request, response);
        return new Answer(200, codec.write(response));
    }

    /** The answer to a body over the size limit, which is never read. */
    public Answer tooLarge(long limit) {
        String reason = "body larger than " + limit + " bytes; an AdmissionReview for an HPA is a few KiB";
        if (LOG.isWarnEnabled() && budgeted()) {
            LOG.warn("admission rejected: reason={}", LogQuote.of(reason));
        }
        return new Answer(413, codec.write(AdmissionResponse.errored("", 413, reason)));
    }

    /** The answer to a request that found every admission slot taken for too long; its body is never read. */
    public Answer busy(int atOnce) {
        String reason = "more than " + atOnce + " admissions at once for too long; retry";
        if (LOG.isWarnEnabled() && budgeted()) {
            LOG.warn("admission rejected: reason={}", LogQuote.of(reason));
        }
        return new Answer(429, codec.write(AdmissionResponse.errored("", 429, reason)));
    }

    /** The answer to a body that could not be received (timeout, connection reset). */
    public Answer unreceived(String reason) {
        if (LOG.isWarnEnabled() && budgeted()) {
            LOG.warn("admission rejected: body not received: reason={}", LogQuote.of(reason));
        }
        return new Answer(400, codec.write(AdmissionResponse.errored("", 400, "body not received: " + reason)));
    }

    private Answer unreadable(String uid, String reason) {
        if (LOG.isWarnEnabled() && budgeted()) {
            LOG.warn("admission rejected: uid={} reason={}", LogQuote.of(uid), LogQuote.of(reason));
        }
        if (uid == null) {
            return new Answer(400, codec.write(AdmissionResponse.errored("", 400, reason)));
        }
        return new Answer(200, codec.write(AdmissionResponse.errored(uid, 400, reason)));
    }

    /**
     * One line per decision: patched, denied or allowed with warnings at INFO (what an operator wants to see, at the
     * rate HPAs change); allowed unchanged at DEBUG, as most updates of a prescaled HPA are. At most
     * {@value #LOG_LINES_PER_SECOND} lines a second: a burst is counted, not written.
     */
    private void log(AdmissionRequest request, AdmissionResponse response) {
        boolean unchanged = response.allowed()
                && !response.isPatched()
                && response.warnings().isEmpty();
        if (!(unchanged ? LOG.isDebugEnabled() : LOG.isInfoEnabled()) || !budgeted()) {
            return;
        }
        String warnings = response.warnings().isEmpty() ? "" : " warnings=" + LogQuote.of(response.warnings());
        if (!response.allowed()) {
            LOG.info(
                    "admission denied: {} reason={}{}",
                    fields(request),
                    LogQuote.of(response.status().message()),
                    warnings);
        } else if (response.isPatched()) {
            LOG.info(
                    "admission patched: {} operations={}{}",
                    fields(request),
                    response.patch().size(),
                    warnings);
        } else if (!warnings.isEmpty()) {
            LOG.info("admission allowed: {}{}", fields(request), warnings);
        } else {
            LOG.debug("admission allowed unchanged: {}", fields(request));
        }
    }

    private boolean budgeted() {
        return logBudget.tryWrite(dropped -> LOG.warn(
                "{} admission log line(s) not written: more than {} per second", dropped, LOG_LINES_PER_SECOND));
    }

    /** The request's identity, every value quoted: all of it comes from the request body. */
    private static String fields(AdmissionRequest request) {
        return "uid=" + LogQuote.of(request.uid()) + " operation=" + LogQuote.of(request.operation()) + " object="
                + LogQuote.of(request.key()) + " dryRun=" + request.dryRun();
    }
}
