package work;

import java.util.Map;

/**
 * The benchmark handlers' shared logic (cold start and latency alike): a small fixed amount of work on the event's
 * message. The harnesses compile this folder with each handler ({@code HandlerSources}).
 */
public final class Work {

    private Work() {
    }

    /** The event's "message". */
    public static String message(Map<String, Object> event) {
        Object message = event.get("message");
        if (!(message instanceof String text)) {
            throw new IllegalArgumentException("the event needs a \"message\" string, got " + event);
        }
        return text;
    }

    /** A summary of the message: its length and a checksum over its characters. */
    public static String respond(Map<String, Object> event) {
        String message = message(event);
        long checksum = 17;
        for (int i = 0; i < message.length(); i++) {
            checksum = checksum * 31 + message.charAt(i);
        }
        return "ok " + message.length() + " " + Long.toHexString(checksum);
    }

    /**
     * The summary, then {@code returned=} and System.nanoTime() as the handler's code returns: before the woven
     * aspect's purge (before-return) and before the runtime posts the response. On Linux nanoTime is the system's
     * monotonic clock, the same in every process, so the latency harness compares it with the moment the local
     * Lambda saw the response.
     */
    public static String respondWithReturnTime(Map<String, Object> event) {
        return respond(event) + " returned=" + System.nanoTime();
    }
}
