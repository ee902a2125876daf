package dev.applog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Turns one log call into the event's text, in the logger's format. Immutable, shared by threads. */
final class EventFormatter {

    static final ObjectMapper JSON = new ObjectMapper();

    /** Keys the JSON format writes itself; context fields with these names are left out. */
    private static final Set<String> RESERVED = Set.of("timestamp", "level", "message", "error", "caller", "service");

    /** Text put in place of an empty event: the service refuses empty messages. */
    static final String EMPTY_MESSAGE = "(empty)";

    private final LogFormat format;
    private final String function;
    private final String service;
    private final Map<String, Object> context;

    EventFormatter(LoggerConfig config, Map<String, Object> context) {
        this.format = config.format();
        this.context = Collections.unmodifiableMap(new LinkedHashMap<>(context));
        this.function = functionName(config, context);
        String svc = config.service();
        if (svc == null) {
            svc = System.getenv("POWERTOOLS_SERVICE_NAME");
        }
        this.service = svc;
    }

    /** The configured function name, else the context's {@code function_name}, else the Lambda environment's, else "". */
    static String functionName(LoggerConfig config, Map<String, ?> context) {
        if (config.function() != null) {
            return config.function();
        }
        Object fromContext = context.get("function_name");
        if (fromContext != null && !fromContext.toString().isEmpty()) {
            return fromContext.toString();
        }
        String fromEnv = System.getenv("AWS_LAMBDA_FUNCTION_NAME");
        return fromEnv == null ? "" : fromEnv;
    }

    Map<String, Object> context() { return context; }

    String function() { return function; }

    boolean usesCaller() { return format.usesCaller(); }

    String format(Level level, String message, Throwable error, long timestamp, String caller) {
        String text = message == null ? "null" : message;
        String line;
        if (format.isJson()) {
            line = json(level, text, error, timestamp, caller);
        } else {
            line = format.prefix(level, function, caller, text) + text;
            if (error != null) {
                line = line + (line.isEmpty() ? "" : "\n") + stackTrace(error);
            }
        }
        return line.isEmpty() ? EMPTY_MESSAGE : line;
    }

    private String json(Level level, String message, Throwable error, long timestamp, String caller) {
        ObjectNode node = JSON.createObjectNode();
        node.put("timestamp", Instant.ofEpochMilli(timestamp).toString());
        node.put("level", level.name());
        JsonNode embedded = embeddedJson(message);
        if (embedded != null) {
            node.set("message", embedded);
        } else {
            node.put("message", message);
        }
        if (service != null) {
            node.put("service", service);
        }
        if (!function.isEmpty()) {
            node.put("function_name", function);
        }
        if (caller != null && !caller.isEmpty()) {
            node.put("caller", caller);
        }
        for (Map.Entry<String, Object> field : context.entrySet()) {
            String key = field.getKey();
            if (key == null || RESERVED.contains(key) || key.equals("function_name")) {
                continue;
            }
            try {
                node.set(key, JSON.valueToTree(field.getValue()));
            } catch (IllegalArgumentException e) {
                node.put(key, String.valueOf(field.getValue()));
            }
        }
        if (error != null) {
            ObjectNode err = node.putObject("error");
            err.put("name", error.getClass().getName());
            err.put("message", messageOf(error));
            err.put("stack", stackTrace(error));
        }
        return node.toString();
    }

    /** The message as JSON when it is a JSON object or array, else null (it stays a string). */
    private static JsonNode embeddedJson(String message) {
        String trimmed = message.trim();
        if (trimmed.length() < 2) {
            return null;
        }
        char first = trimmed.charAt(0);
        char last = trimmed.charAt(trimmed.length() - 1);
        if (!((first == '{' && last == '}') || (first == '[' && last == ']'))) {
            return null;
        }
        try {
            return JSON.readTree(trimmed);
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * The throwable's stack trace as {@code printStackTrace} writes it; when that throws (a {@code toString()} or
     * {@code getMessage()} that throws), its class name, a note saying why, and its frames.
     */
    static String stackTrace(Throwable error) {
        StringWriter text = new StringWriter();
        try (PrintWriter writer = new PrintWriter(text)) {
            error.printStackTrace(writer);
        } catch (RuntimeException e) {
            StringBuilder trace = new StringBuilder(error.getClass().getName())
                    .append(" (applog: its stack trace could not be written: ").append(safeText(e)).append(')');
            for (StackTraceElement frame : error.getStackTrace()) {
                trace.append(System.lineSeparator()).append("\tat ").append(frame);
            }
            return trace.toString();
        }
        String trace = text.toString();
        return trace.endsWith(System.lineSeparator()) ? trace.substring(0, trace.length() - System.lineSeparator().length()) : trace;
    }

    /** {@code getMessage()}, or a note when it throws. */
    private static String messageOf(Throwable error) {
        try {
            return error.getMessage();
        } catch (RuntimeException e) {
            return "(applog: getMessage() threw " + safeText(e) + ")";
        }
    }

    /** {@code toString()}, or the class name when that throws too. */
    static String safeText(Throwable error) {
        try {
            return error.toString();
        } catch (RuntimeException e) {
            return error.getClass().getName();
        }
    }
}
