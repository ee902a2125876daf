package dev.applog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where events go that CloudWatch Logs did not take: one JSON line per event on stdout (in Lambda, stdout
 * reaches the function's own log group), marked {@code "applog":"fallback"} and carrying the group, stream,
 * timestamp, message and the reason. Plus one diagnostic per cause that says what to fix.
 */
final class Fallback {

    private final PrintStream out;
    private final Set<String> diagnosed = ConcurrentHashMap.newKeySet();

    Fallback(PrintStream out) { this.out = out; }

    void write(String group, String stream, List<LogEvent> events, String reason) {
        StringBuilder lines = new StringBuilder();
        for (LogEvent event : events) {
            ObjectNode line = EventFormatter.JSON.createObjectNode();
            line.put("applog", "fallback");
            line.put("reason", reason);
            line.put("group", group);
            line.put("stream", event.stream == null ? stream : event.stream);
            line.put("timestamp", event.timestamp);
            line.put("message", event.text());
            lines.append(line).append(System.lineSeparator());
        }
        synchronized (out) {
            out.print(lines);
            out.flush();
        }
    }

    /** Prints {@code text} once for each {@code cause} (per logger and its context loggers). */
    void diagnose(String cause, String text) {
        if (diagnosed.add(cause)) {
            synchronized (out) {
                out.println("applog: " + text);
                out.flush();
            }
        }
    }
}
