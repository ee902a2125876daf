package dev.applog.local.logs;

import java.time.Duration;
import java.util.Objects;

/**
 * A failure the local endpoint plays instead of (or before) a normal answer; queue one with
 * {@link LocalLogsServer#failNext(String, int, Fault)}. Immutable.
 */
public final class Fault {

    enum Kind { ERROR, DELAY, DROP_CONNECTION, DROP_AFTER_STORING }

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
            case ERROR -> "Fault[" + status + " " + errorType + "]";
            case DELAY -> "Fault[delay " + delay + "]";
            case DROP_CONNECTION -> "Fault[drop connection]";
            case DROP_AFTER_STORING -> "Fault[drop connection after storing]";
        };
    }
}
