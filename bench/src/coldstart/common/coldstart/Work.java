package coldstart;

import java.util.Map;

/** The handlers' shared logic: a small fixed amount of work on the event's message. */
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

    /** A summary of the message: its length and a checksum over its characters. */
    static String respond(Map<String, Object> event) {
        String message = message(event);
        long checksum = 17;
        for (int i = 0; i < message.length(); i++) {
            checksum = checksum * 31 + message.charAt(i);
        }
        return "ok " + message.length() + " " + Long.toHexString(checksum);
    }
}
