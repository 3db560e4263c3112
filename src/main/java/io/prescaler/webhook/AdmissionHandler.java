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
    private final AdmissionReviewCodec codec = new AdmissionReviewCodec();

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
                    "admission {} {} {}: review failed, admitting unchanged: {}",
                    request.uid(),
                    request.operation(),
                    request.key(),
                    e.toString(),
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
        LOG.warn("admission rejected: {}", reason);
        return new Answer(413, codec.write(AdmissionResponse.errored("", 413, reason)));
    }

    /** The answer to a body that could not be received (timeout, connection reset). */
    public Answer unreceived(String reason) {
        LOG.warn("admission rejected: body not received: {}", reason);
        return new Answer(400, codec.write(AdmissionResponse.errored("", 400, "body not received: " + reason)));
    }

    private Answer unreadable(String uid, String reason) {
        if (uid == null) {
            LOG.warn("admission (no uid) rejected: {}", reason);
            return new Answer(400, codec.write(AdmissionResponse.errored("", 400, reason)));
        }
        LOG.warn("admission {} rejected: {}", uid, reason);
        return new Answer(200, codec.write(AdmissionResponse.errored(uid, 400, reason)));
    }

    private static void log(AdmissionRequest request, AdmissionResponse response) {
        String dryRun = request.dryRun() ? " (dry run)" : "";
        if (!response.allowed()) {
            LOG.info(
                    "admission {} {} {}{}: denied: {}",
                    request.uid(),
                    request.operation(),
                    request.key(),
                    dryRun,
                    response.status().message());
        } else if (response.isPatched()) {
            LOG.info(
                    "admission {} {} {}{}: patched with {} operation(s)",
                    request.uid(),
                    request.operation(),
                    request.key(),
                    dryRun,
                    response.patch().size());
        } else {
            LOG.debug(
                    "admission {} {} {}{}: allowed unchanged",
                    request.uid(),
                    request.operation(),
                    request.key(),
                    dryRun);
        }
        for (String warning : response.warnings()) {
            LOG.info("admission {} {} {}: warning: {}", request.uid(), request.operation(), request.key(), warning);
        }
    }
}
