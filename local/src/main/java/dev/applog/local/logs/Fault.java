package dev.applog.local.logs;

import java.time.Duration;
import java.util.Objects;

/**
 * A failure the local endpoint plays instead of (or before) a normal answer; queue one with
 * {@link LocalLogsServer#failNext(String, int, Fault)}. Immutable.
 */
public final class Fault {

    enum Kind { ERROR, ECHO_SIGNATURE, DELAY, DROP_CONNECTION, DROP_AFTER_STORING }

    final Kind kind;
    final int status;
    final String errorType;
    final String message;
    final Duration delay;

    private Fault(Kind kind, int status, String errorType, String message, Duration delay) {
        this.kind = kind;
        this.status = status;
        this.errorType = errorType;
        this.message = message;
        this.delay = delay;
    }

    /** The account's request rate quota was exceeded: HTTP 400 ThrottlingException, retryable. */
    public static Fault throttling() {
        return error(400, "ThrottlingException", "Rate exceeded");
    }

    /** A server-side fault: HTTP 503 ServiceUnavailableException, retryable. */
    public static Fault serviceUnavailable() {
        return error(503, "ServiceUnavailableException", "The service cannot complete the request.");
    }

    /** Missing permission: HTTP 400 AccessDeniedException, permanent for the caller. */
    public static Fault accessDenied() {
        return error(400, "AccessDeniedException",
                "User is not authorized to perform this CloudWatch Logs operation (fault played by the local endpoint)");
    }

    /** Bad or unknown credentials: HTTP 400 UnrecognizedClientException, permanent for the caller. */
    public static Fault unrecognizedClient() {
        return error(400, "UnrecognizedClientException", "The security token included in the request is invalid.");
    }

    /**
     * HTTP 400 InvalidSignatureException whose message quotes the request as it was signed, the way AWS signature
     * errors have: the canonical request with the {@code x-amz-security-token:} header line, and the
     * {@code Authorization} header (access key id, {@code Credential=}, {@code Signature=}) with the session token
     * again as {@code X-Amz-Security-Token=}. The values are the request's own: what a client prints from this
     * error shows whether it keeps the caller's secrets off its output.
     */
    public static Fault invalidSignatureQuotingTheRequest() {
        return new Fault(Kind.ECHO_SIGNATURE, 400, "InvalidSignatureException", null, Duration.ZERO);
    }

    /** The message of {@link #invalidSignatureQuotingTheRequest()} for this request's headers. */
    String quoting(SmallHttpServer.Request request) {
        String token = String.valueOf(request.header("x-amz-security-token"));
        return "The request signature we calculated does not match the signature you provided. Check your AWS Secret"
                + " Access Key and signing method. The Canonical String for this request should have been\n'POST\n/\n\n"
                + "content-type:" + request.header("content-type") + "\nhost:" + request.header("host")
                + "\nx-amz-date:" + request.header("x-amz-date") + "\nx-amz-security-token:" + token
                + "\nx-amz-target:" + request.header("x-amz-target") + "\n'\n\nThe request was signed with "
                + request.header("authorization") + "; query form: X-Amz-Security-Token=" + token + "&X-Amz-Date="
                + request.header("x-amz-date") + " (fault played by the local endpoint)";
    }

    /** Waits {@code delay} and then answers normally; other connections are served meanwhile. */
    public static Fault delay(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative: " + delay);
        }
        return new Fault(Kind.DELAY, 0, null, null, delay);
    }

    /**
     * Reads the request and closes the connection without any response, before handling it: nothing is
     * stored, and the client sees an I/O error.
     */
    public static Fault dropConnection() {
        return new Fault(Kind.DROP_CONNECTION, 0, null, null, Duration.ZERO);
    }

    /**
     * Handles the request (a PutLogEvents stores its events), then closes the connection without sending the
     * answer: the client sees the same I/O error as {@link #dropConnection()}, but the call took effect, as
     * when a network path breaks after the service stored the events. A client that retries stores them twice.
     */
    public static Fault dropConnectionAfterStoring() {
        return new Fault(Kind.DROP_AFTER_STORING, 0, null, null, Duration.ZERO);
    }

    /** Any error the service may answer, e.g. {@code error(400, "OperationAbortedException", "...")}. */
    public static Fault error(int httpStatus, String errorType, String message) {
        if (httpStatus < 400 || httpStatus > 599) {
            throw new IllegalArgumentException("an error fault needs an HTTP status 400..599, got " + httpStatus);
        }
        return new Fault(Kind.ERROR, httpStatus, Objects.requireNonNull(errorType, "errorType"),
                Objects.requireNonNull(message, "message"), Duration.ZERO);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case ERROR, ECHO_SIGNATURE -> "Fault[" + status + " " + errorType + "]";
            case DELAY -> "Fault[delay " + delay + "]";
            case DROP_CONNECTION -> "Fault[drop connection]";
            case DROP_AFTER_STORING -> "Fault[drop connection after storing]";
        };
    }
}
