package latency;

import java.util.Map;

/** The handlers' shared logic, and the time the handler's own code ends, which the response carries. */
final class Work {

    private Work() {
    }

    /** The event's "message". */
    static String message(Map<String, Object> event) {
        Object message = event.get("message");
        if (!(message instanceof String text)) {
            throw new IllegalArgumentException("the event needs a \"message\" string, got " + event);
        }
        return text;
    }

    /**
     * A summary of the message, then {@code returned=} and System.nanoTime() as the handler's code returns: before
     * the woven aspect's purge (before-return) and before the runtime posts the response. On Linux nanoTime is the
     * system's monotonic clock, the same in every process, so the harness compares it with the moment the local
     * Lambda saw the response.
     */
    static String respond(Map<String, Object> event) {
        String message = message(event);
        long checksum = 17;
        for (int i = 0; i < message.length(); i++) {
            checksum = checksum * 31 + message.charAt(i);
        }
        return "ok " + message.length() + " " + Long.toHexString(checksum) + " returned=" + System.nanoTime();
    }
}
