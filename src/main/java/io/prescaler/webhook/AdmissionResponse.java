package io.prescaler.webhook;

import java.util.List;
import java.util.Objects;

/**
 * The answer to one admission request, built with the small outcome constructors below in the style of
 * controller-runtime ({@code Allowed}, {@code Patched}, {@code Denied}, {@code Errored}).
 *
 * @param status the HTTP-style code and message; null when allowed without remark
 */
public record AdmissionResponse(String uid, boolean allowed, JsonPatch patch, List<String> warnings, Status status) {

    /** The {@code response.status} of a denial or error, as {@code metav1.Status} writes them. */
    public record Status(int code, String reason, String message) {}

    public AdmissionResponse {
        Objects.requireNonNull(uid, "uid");
        patch = patch == null ? JsonPatch.EMPTY : patch;
        warnings = List.copyOf(warnings);
    }

    public static AdmissionResponse allowed(String uid, List<String> warnings) {
        return new AdmissionResponse(uid, true, JsonPatch.EMPTY, warnings, null);
    }

    public static AdmissionResponse allowed(String uid) {
        return allowed(uid, List.of());
    }

    public static AdmissionResponse patched(String uid, JsonPatch patch, List<String> warnings) {
        return new AdmissionResponse(uid, true, patch, warnings, null);
    }

    /** An expected refusal: bad annotations (422, as the API server answers invalid objects). */
    public static AdmissionResponse denied(String uid, String message, List<String> warnings) {
        return new AdmissionResponse(uid, false, JsonPatch.EMPTY, warnings, new Status(422, "Invalid", message));
    }

    /** A request the webhook could not make sense of (400). */
    public static AdmissionResponse errored(String uid, int code, String message) {
        return new AdmissionResponse(uid, false, JsonPatch.EMPTY, List.of(), new Status(code, "BadRequest", message));
    }

    public boolean isPatched() {
        return !patch.isEmpty();
    }
}
