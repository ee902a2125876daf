package dev.applog.delivery;

import java.util.Set;

/**
 * Why a {@link Transport} call failed, as the delivery policy needs it: a {@link Reason}, plus the service's
 * error code and text to quote in a diagnostic. The policy decides on the reason alone. Internal; not API: public as
 * part of {@link Transport}'s signature.
 */
public final class TransportException extends Exception {

    /** What went wrong, in the terms the delivery policy acts on. */
    public enum Reason {
        /** The service asked to slow down (throttling, a quota): retried with backoff. */
        THROTTLED(true),
        /** The service failed (5xx, unavailable, an internal failure, an aborted operation): retried. */
        SERVER_FAULT(true),
        /** The connection failed, dropped or timed out: retried. The request may have been stored all the same. */
        CONNECTION_LOST(true),
        /** The transport is not ready yet (its client is still being built): retried while time is left. */
        NOT_READY(true),
        /** The log stream does not exist: created, then the put is retried. */
        STREAM_MISSING(false),
        /** The log group does not exist: created, then the stream, then the put is retried. */
        GROUP_MISSING(false),
        /** The request broke a rule of the service (InvalidParameterException): never retried as it is. */
        INVALID(false),
        /** Permission denied (AccessDeniedException, HTTP 403): not retried. */
        ACCESS_DENIED(false),
        /** The credentials were refused (unknown, expired, bad signature): not retried. */
        CREDENTIALS_REFUSED(false),
        /** No credentials could be found on this side: not retried. */
        NO_CREDENTIALS(false),
        /** No client could be made (no region, a clash of library versions; {@link #getCause()} says): not retried. */
        NO_CLIENT(false),
        /** Refused with another code of the service that retrying would not change: not retried. */
        REFUSED(false),
        /** Anything else: retried while time is left. */
        OTHER(true);

        private final boolean retryable;

        Reason(boolean retryable) { this.retryable = retryable; }

        /** True when the same request may succeed later. */
        boolean retryable() { return retryable; }

        /** False when the call failed before any request was made (it counts as none). */
        boolean requestMade() { return this != NOT_READY && this != NO_CLIENT; }

        /**
         * The reason of a service error other than a missing resource or an invalid parameter, from its code and
         * HTTP status; both transports read the service's answers by these rules. Here, not in {@link SdkTransport}:
         * the light transport must not load a class that names the SDK's generated client, which the base layer
         * leaves out (layer/pom.xml).
         */
        static Reason ofService(String code, int status) {
            if (CREDENTIAL_CODES.contains(code)) {
                return CREDENTIALS_REFUSED;
            } else if ("AccessDeniedException".equals(code) || status == 403) {
                return ACCESS_DENIED;
            } else if (THROTTLING_CODES.contains(code) || status == 429) {
                return THROTTLED;
            } else if (FAULT_CODES.contains(code) || status >= 500) {
                return SERVER_FAULT;
            }
            return REFUSED;
        }
    }

    /** Throttling and quotas: the service asks to slow down. */
    private static final Set<String> THROTTLING_CODES = Set.of("ThrottlingException", "TooManyRequestsException",
            "LimitExceededException");
    /** Faults of the service worth retrying (besides any 5xx). */
    private static final Set<String> FAULT_CODES = Set.of("ServiceUnavailableException", "OperationAbortedException",
            "RequestTimeout", "RequestTimeoutException", "InternalFailure");
    private static final Set<String> CREDENTIAL_CODES = Set.of("UnrecognizedClientException", "ExpiredToken",
            "ExpiredTokenException", "InvalidClientTokenId", "InvalidSignatureException", "SignatureDoesNotMatch",
            "IncompleteSignature", "MissingAuthenticationToken");

    private final Reason reason;
    private final String code;

    /**
     * @param code    the service's error code ("" when none: a client-side failure)
     * @param message the text to quote, e.g. {@code "ThrottlingException: Rate exceeded"}
     */
    TransportException(Reason reason, String code, String message, Throwable cause) {
        super(message, cause, false, false);  // no stack trace: a reason, not a bug
        this.reason = reason;
        this.code = code == null ? "" : code;
    }

    Reason reason() { return reason; }

    /** The service's error code, "" when there is none. */
    String code() { return code; }
}
