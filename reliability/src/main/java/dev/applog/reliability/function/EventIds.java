package dev.applog.reliability.function;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The unique id every event of a scenario carries, at the start of its message: {@code rid:RUN/INVOCATION/SEQ}
 * (RUN: letters, digits and dashes). The rest of the message is padding up to the asked length.
 */
public final class EventIds {

    /** An id anywhere in a text. */
    public static final Pattern ID = Pattern.compile("rid:([A-Za-z0-9-]+/\\d+/\\d+)");

    private EventIds() {
    }

    public static String id(String run, int invocation, int seq) {
        return run + "/" + invocation + "/" + seq;
    }

    /** The message of event {@code seq}: its id, a space, and padding up to {@code bytes} characters. */
    public static String message(String run, int invocation, int seq, int bytes) {
        StringBuilder message = new StringBuilder(Math.max(bytes, 32)).append("rid:").append(id(run, invocation, seq));
        message.append(' ');
        int fill = 0;
        while (message.length() < bytes) {
            message.append((char) ('a' + fill++ % 26));
        }
        return message.toString();
    }

    /** The first id in {@code text}, or null. */
    public static String find(String text) {
        Matcher m = ID.matcher(text);
        return m.find() ? m.group(1) : null;
    }
}
