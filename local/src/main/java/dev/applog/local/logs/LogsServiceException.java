package dev.applog.local.logs;

/** An error answer of the service: its HTTP status, its error name ({@code __type}) and message. */
final class LogsServiceException extends RuntimeException {

    final int status;
    final String errorType;

    LogsServiceException(int status, String errorType, String message) {
        super(message, null, false, false);
        this.status = status;
        this.errorType = errorType;
    }

    static LogsServiceException invalidParameter(String message) {
        return new LogsServiceException(400, "InvalidParameterException", message);
    }

    static LogsServiceException validation(String member, Object value, String constraint) {
        String shown = value == null ? "null" : "'" + value + "'";
        return invalidParameter("1 validation error detected: Value " + shown + " at '" + member
                + "' failed to satisfy constraint: " + constraint);
    }

    static LogsServiceException groupNotFound() {
        return new LogsServiceException(400, "ResourceNotFoundException", "The specified log group does not exist.");
    }

    static LogsServiceException streamNotFound() {
        return new LogsServiceException(400, "ResourceNotFoundException", "The specified log stream does not exist.");
    }

    static LogsServiceException alreadyExists(String what) {
        return new LogsServiceException(400, "ResourceAlreadyExistsException", "The specified " + what + " already exists");
    }
}
