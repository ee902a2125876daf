package dev.applog;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where events go that CloudWatch Logs did not take: one JSON line per event on stdout (in Lambda, stdout
 * reaches the function's own log group), marked {@code "applog":"fallback"} and carrying the group, stream,
 * timestamp, message and the reason. Plus one diagnostic per cause that says what to fix. Reasons and diagnostics
 * quote errors of the service and the SDK, so both pass {@link Redaction} first; the message is the user's own.
 */
final class Fallback {

    private final PrintStream out;
    private final Set<String> diagnosed = ConcurrentHashMap.newKeySet();

    Fallback(PrintStream out) { this.out = out; }

    /**
     * One line per event, {@code {"applog":"fallback","reason":...,"group":...,"stream":...,"timestamp":...,"message":...}},
     * written by hand as Jackson would write it (but for lone surrogates, see {@link #string}): the fallback is often reached near a deadline, and on a cold JVM
     * loading Jackson there would cost the time the lines need.
     */
    void write(String group, String stream, List<LogEvent> events, String errorReason) {
        String reason = Redaction.redact(errorReason);  // it may quote a service's or the SDK's error text
        StringBuilder lines = new StringBuilder();
        for (LogEvent event : events) {
            lines.append("{\"applog\":\"fallback\",\"reason\":");
            string(lines, reason).append(",\"group\":");
            string(lines, group).append(",\"stream\":");
            string(lines, event.stream == null ? stream : event.stream).append(",\"timestamp\":").append(event.timestamp)
                    .append(",\"message\":");
            string(lines, event.text()).append('}').append(System.lineSeparator());
        }
        synchronized (out) {
            out.print(lines);
            out.flush();
        }
    }

    /**
     * {@code text} as a JSON string, escaped as the {@code #json} format escapes it, except a lone surrogate, which
     * is written as a backslash-u escape: stdout is UTF-8, which cannot carry it, and the line keeps it so.
     */
    private static StringBuilder string(StringBuilder out, String text) {
        if (text == null) {
            return out.append("null");
        }
        out.append('"');
        int from = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (!Character.isSurrogate(c)) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;  // a pair: one character, written as it is
                continue;
            }
            EventFormatter.escape(out, text, from, i).append("\\u").append(Integer.toHexString(c));
            from = i + 1;
        }
        return EventFormatter.escape(out, text, from, text.length()).append('"');
    }

    /** Prints {@code text} once for each {@code cause} (per logger and its context loggers). */
    void diagnose(String cause, String text) {
        if (diagnosed.add(cause)) {
            synchronized (out) {
                // it may quote a service's or the SDK's error: no secret, and one line, as an error text may hold any
                out.println("applog: " + PrintedLines.escape(Redaction.redact(text)));
                out.flush();
            }
        }
    }
}
