package dev.applog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.applog.delivery.Environment;
import dev.applog.delivery.JsonText;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.Set;

/**
 * Turns one log call into the event's text, in the logger's format. Immutable, shared by threads.
 *
 * <p>Besides writing the text ({@link #format}), it can tell the text's UTF-8 size without writing it
 * ({@link #deferredBytes}), so that a buffering logger can keep the event's parts and write the text later,
 * off the caller's thread, with its batching still counting exact bytes. The prefix of the text formats is
 * worked out once per logger, and the JSON format is written by hand (same keys, order and escaping as
 * Jackson's own output), so no tree is built per event.
 */
final class EventFormatter {

    /**
     * Jackson's mapper, made on first use: only a context value other than a string, a boolean or an integral
     * number, a message that is itself JSON, and a fallback line need it, and making it loads some 400 classes,
     * which a cold start need not pay for.
     */
    static ObjectMapper json() {
        return Mapper.INSTANCE;
    }

    private static final class Mapper {
        static final ObjectMapper INSTANCE = new ObjectMapper();
    }

    /** The placeholder of a format string for the name of the logger a bridged line came from. */
    static final String LOGGER = "{logger}";

    /** The JSON key of the name of the logger a bridged line came from. */
    static final String LOGGER_KEY = "logger";

    /** Keys the JSON format writes itself; context fields with these names are left out. */
    private static final Set<String> RESERVED = Set.of("timestamp", "level", "message", "error", "service");

    /** Context values whose JSON cannot change after the logger is made: their JSON is written once. */
    private static final Set<Class<?>> IMMUTABLE_VALUES = Set.of(String.class, Boolean.class, Integer.class,
            Long.class, Short.class, Byte.class, Double.class, Float.class, Character.class, BigInteger.class,
            BigDecimal.class);

    /** Text put in place of an empty event: the service refuses empty messages. */
    static final String EMPTY_MESSAGE = "(empty)";

    /** Instants up to the end of year 9999 print in a fixed width (20 characters, 24 with milliseconds). */
    private static final long LAST_FIXED_WIDTH_MILLIS = 253_402_300_799_999L;

    private final LogFormat format;
    private final String function;
    private final String service;
    private final Map<String, Object> context;
    /** Text formats: per level (by ordinal), the prefix cut at each {@code {caller}}; null otherwise. */
    private final String[][] prefixPieces;
    /**
     * Text formats whose string holds {@code {logger}}: per level, the prefix cut at each {@code {caller}} with
     * {@code {logger}} still in it (filled per event with the bridged logger's name); null otherwise.
     */
    private final String[][] namedPieces;
    /** Text formats: per level, the UTF-8 bytes of the prefix without the callers. */
    private final int[] prefixBytes;
    /** JSON: {@code ,"service":...,"function_name":...} as far as configured. */
    private final String jsonNames;
    /** JSON: the context fields, written once; null when a value may change, then they are written per event. */
    private final String jsonContext;
    /** JSON: per level, the UTF-8 bytes of an event with an empty message and no timestamp text. */
    private final int[] jsonFixedBytes;
    /** The fields parts written once ({@link #fragment}): per logger name, and for lines without one. */
    private final java.util.concurrent.ConcurrentHashMap<String, Fragment> fragments =
            new java.util.concurrent.ConcurrentHashMap<>();
    private volatile Fragment unnamed;
    /**
     * The fields part reused last: a line from the same logger as the one before (the same name object: SLF4J's
     * logger keeps it) with the same snapshot takes it without the map, whose lookup was a tenth of an SLF4J call's
     * time on the caller's thread ({@code bench/profile slf4j}). Not volatile: a Fragment's fields are final, and a
     * thread that sees an older one looks up the map.
     */
    private Fragment lastFragment;
    /** Logger names whose fields part is kept; past it, a new name's is written per event. */
    private static final int FRAGMENTS_MAX = 1_024;

    EventFormatter(LoggerConfig config, Map<String, Object> context) {
        this.format = config.format();
        this.context = Collections.unmodifiableMap(new LinkedHashMap<>(context));
        this.function = functionName(config, context);
        String svc = config.service();
        if (svc == null) {
            svc = config.environment().apply("POWERTOOLS_SERVICE_NAME");
        }
        this.service = svc;
        Level[] levels = Level.values();
        if (format.prefixPieces(Level.INFO, function) != null) {
            prefixPieces = new String[levels.length][];
            prefixBytes = new int[levels.length];
            boolean named = false;
            for (Level level : levels) {
                named |= String.join("", format.prefixPieces(level, function)).contains(LOGGER);
            }
            namedPieces = named ? new String[levels.length][] : null;
            for (Level level : levels) {
                String[] pieces = format.prefixPieces(level, function);
                if (named) {
                    namedPieces[level.ordinal()] = pieces.clone();
                    // a line logged through AppLogger has no logger name: {logger} is empty
                    for (int i = 0; i < pieces.length; i++) {
                        pieces[i] = pieces[i].replace(LOGGER, "");
                    }
                }
                prefixPieces[level.ordinal()] = pieces;
                for (String piece : pieces) {
                    prefixBytes[level.ordinal()] += LogEvent.utf8Length(piece);
                }
            }
        } else {
            prefixPieces = null;
            prefixBytes = null;
            namedPieces = null;
        }
        StringBuilder names = new StringBuilder();
        if (service != null) {
            quote(names.append(",\"service\":"), service);
        }
        if (!function.isEmpty()) {
            quote(names.append(",\"function_name\":"), function);
        }
        this.jsonNames = names.toString();
        this.jsonContext = fixedValues(this.context) ? appendContext(new StringBuilder()).toString() : null;
        this.jsonFixedBytes = new int[levels.length];
        if (format.isJson() && jsonContext != null) {
            int epochBytes = Instant.EPOCH.toString().length();
            for (Level level : levels) {
                jsonFixedBytes[level.ordinal()] = LogEvent.utf8Length(json(level, "", null, 0L)) - epochBytes;
            }
        }
    }

    /** The function name as {@link Environment#functionName} finds it (the context's {@code function_name}), else "". */
    static String functionName(LoggerConfig config, Map<String, ?> context) {
        return functionName(config, context, config.environment());
    }

    /** {@link #functionName(LoggerConfig, Map)} with the environment read through {@code environment}. */
    static String functionName(LoggerConfig config, Map<String, ?> context, Function<String, String> environment) {
        Object fromContext = context.get("function_name");
        String name = Environment.functionName(config.function(), fromContext == null ? null : fromContext.toString(),
                environment);
        return name == null ? "" : name;
    }

    Map<String, Object> context() { return context; }

    String function() { return function; }

    boolean usesCaller() { return format.usesCaller(); }

    /** The event's text. {@code caller} is "" when the format does not use it (JSON never does). */
    String format(Level level, String message, Throwable error, long timestamp, String caller) {
        return format(level, message, error, timestamp, caller, null);
    }

    /** The event's text with {@code fields} of its own (structured arguments; null or empty for none): see below. */
    String format(Level level, String message, Throwable error, long timestamp, String caller, Map<String, ?> fields) {
        return format(level, message, error, timestamp, caller, null, fields);
    }

    /**
     * The event's text: the one path of every call with fields of its own (structured arguments, MDC entries,
     * key-value pairs; null or empty for none) or a logger's name (a line that came through a bridge; null for none).
     *
     * <p>JSON: {@code "logger"} and the fields are top-level keys after the context's. A field whose key the event
     * already has (a key the format writes itself, {@code logger}, {@code function_name}, a context field, an
     * earlier field) is written under that key with {@code _} in front until it is unique, so nothing is lost and
     * the JSON keeps unique keys. Text formats: {@code {logger}} in a format string is the logger's name, and
     * each field follows the message as {@code key=value} ({@link #keyValues}).
     */
    String format(Level level, String message, Throwable error, long timestamp, String caller, String loggerName,
                  Map<String, ?> fields) {
        Map<String, ?> own = fields == null || fields.isEmpty() ? null : fields;
        String named = loggerName == null && own == null ? "" : fragment(loggerName, own).text;
        return write(level, message, error, timestamp, caller, loggerName, named);
    }

    /**
     * The event's text with the fields part already written ({@code named}, from {@link #fragment}; "" for none):
     * what {@link #format} writes, and what the sender writes for an event whose fields part was taken at the call.
     */
    String write(Level level, String message, Throwable error, long timestamp, String caller, String loggerName,
                 String named) {
        String text = message == null ? "null" : message;
        String line;
        if (format.isJson()) {
            line = json(level, text, error, timestamp, named);
        } else {
            text = text + named;
            StringBuilder out = new StringBuilder(text.length() + 64);
            if (namedPieces != null && loggerName != null) {
                String[] pieces = namedPieces[level.ordinal()];
                out.append(pieces[0].replace(LOGGER, loggerName));
                for (int i = 1; i < pieces.length; i++) {
                    out.append(caller).append(pieces[i].replace(LOGGER, loggerName));
                }
            } else if (prefixPieces != null) {
                appendPrefix(out, level, caller);
            } else {
                out.append(format.functionPrefix(level, function, caller, text));
            }
            out.append(text);
            if (error != null) {
                out.append(out.length() == 0 ? "" : "\n").append(stackTrace(error));
            }
            line = out.toString();
        }
        return line.isEmpty() ? EMPTY_MESSAGE : line;
    }

    /**
     * The fields part of an event with a logger's name or fields of its own, written now: in {@code #json}
     * {@code ,"logger":...} and {@code ,"key":value} per field (keys made unique, see {@link #format}); in the text
     * formats {@code  key=value} per field (the logger's name goes into the prefix). Fields that are a
     * {@link FrozenFields} whose values' text cannot change (the invocation's keys, the MDC in an invocation) are
     * written once per logger name and snapshot, and that text is reused by every event that carries them: a log
     * call then copies nothing and writes no field.
     */
    Fragment fragment(String loggerName, Map<String, ?> fields) {
        boolean cacheable = fields == null || (fields instanceof FrozenFields && ((FrozenFields) fields).fixedText());
        if (!cacheable) {
            return newFragment(loggerName, fields);
        }
        Fragment last = lastFragment;
        if (last != null && last.loggerName == loggerName && last.fields == fields) {
            return last;  // the same logger (its name object) and snapshot as the last line: the usual case
        }
        Fragment cached = loggerName == null ? unnamed : fragments.get(loggerName);
        if (cached != null && cached.fields == fields) {
            lastFragment = cached;
            return cached;
        }
        Fragment made = newFragment(loggerName, fields);
        lastFragment = made;
        if (loggerName == null) {
            unnamed = made;
        } else if (fragments.size() < FRAGMENTS_MAX || fragments.containsKey(loggerName)) {
            fragments.put(loggerName, made);
        }
        return made;
    }

    private Fragment newFragment(String loggerName, Map<String, ?> fields) {
        Map<String, ?> own = fields == null || fields.isEmpty() ? null : fields;
        String text;
        if (format.isJson()) {
            StringBuilder out = new StringBuilder();
            if (loggerName != null || own != null) {
                appendNamed(out, loggerName, own);
            }
            text = out.toString();
        } else {
            text = own == null ? "" : keyValues(own);
        }
        return new Fragment(loggerName, fields, text, LogEvent.utf8Length(text));
    }

    /** The fields part of an event, written ({@link #fragment}), with its UTF-8 bytes. */
    static final class Fragment {
        /** The logger's name and the fields it was written from (compared by identity when reused). */
        final String loggerName;
        final Map<String, ?> fields;
        final String text;
        final int bytes;

        Fragment(String loggerName, Map<String, ?> fields, String text, int bytes) {
            this.loggerName = loggerName;
            this.fields = fields;
            this.text = text;
            this.bytes = bytes;
        }
    }

    /**
     * The UTF-8 bytes {@link #write} writes for an event without a throwable whose fields part is {@code named},
     * worked out without writing it; -1 when that needs the text itself (see {@link #deferredBytes}; also a text
     * format whose string holds {@code {logger}}, for a line with a logger's name).
     */
    int deferredBytes(Level level, String message, long timestamp, String caller, String loggerName, Fragment named) {
        if (namedPieces != null && loggerName != null) {
            return -1;
        }
        int bytes = plainBytes(level, message, timestamp, caller);
        if (bytes < 0) {
            return -1;
        }
        bytes += named.bytes;
        return bytes == 0 ? EMPTY_MESSAGE.length() : bytes;
    }

    /**
     * The UTF-8 bytes {@link #format} writes for an event without a throwable, worked out without writing it;
     * -1 when that needs the text itself (a prefix written by code, a JSON message that is itself JSON, context
     * values that may change, a timestamp outside years 1970 to 9999): then the text is written at once.
     */
    int deferredBytes(Level level, String message, long timestamp, String caller) {
        int bytes = plainBytes(level, message, timestamp, caller);
        return bytes == 0 ? EMPTY_MESSAGE.length() : bytes;
    }

    /** {@link #deferredBytes} before an empty text is replaced; -1 when the text is needed. */
    private int plainBytes(Level level, String message, long timestamp, String caller) {
        int bytes;
        if (prefixPieces != null) {
            String[] pieces = prefixPieces[level.ordinal()];
            bytes = prefixBytes[level.ordinal()] + LogEvent.utf8Length(message);
            if (pieces.length > 1 && !caller.isEmpty()) {
                bytes += (pieces.length - 1) * LogEvent.utf8Length(caller);
            }
        } else if (format.isJson() && jsonContext != null && timestamp >= 0 && timestamp <= LAST_FIXED_WIDTH_MILLIS
                && !mayBeJson(message)) {
            bytes = jsonFixedBytes[level.ordinal()] + (timestamp % 1000 == 0 ? 20 : 24) + escapedBytes(message);
        } else {
            return -1;
        }
        return bytes;
    }

    private void appendPrefix(StringBuilder out, Level level, String caller) {
        String[] pieces = prefixPieces[level.ordinal()];
        out.append(pieces[0]);
        for (int i = 1; i < pieces.length; i++) {
            out.append(caller).append(pieces[i]);
        }
    }

    private String json(Level level, String message, Throwable error, long timestamp) {
        return json(level, message, error, timestamp, "");
    }

    /** {@code named}: the fields part ({@link #fragment}), "" for none. */
    private String json(Level level, String message, Throwable error, long timestamp, String named) {
        StringBuilder out = new StringBuilder(message.length() + 160 + named.length()
                + (jsonContext == null ? 0 : jsonContext.length()));
        appendInstant(out.append("{\"timestamp\":\""), timestamp).append("\",\"level\":\"")
                .append(level.name()).append("\",\"message\":");
        JsonNode embedded = mayBeJson(message) ? embeddedJson(message) : null;
        if (embedded != null) {
            out.append(embedded);
        } else {
            quote(out, message);
        }
        out.append(jsonNames);
        if (jsonContext != null) {
            out.append(jsonContext);
        } else {
            appendContext(out);
        }
        out.append(named);
        if (error != null) {
            quote(out.append(",\"error\":{\"name\":"), error.getClass().getName());
            out.append(",\"message\":");
            String text = messageOf(error);
            if (text == null) {
                out.append("null");
            } else {
                quote(out, text);
            }
            quote(out.append(",\"stack\":"), stackTrace(error)).append('}');
        }
        return out.append('}').toString();
    }

    /** The text of the second last written by {@link #appendInstant}: events come in bursts of the same second. */
    private static volatile Second lastSecond = new Second(0, Instant.EPOCH.toString().substring(0, 19));

    private record Second(long epochSecond, String text) {}

    /**
     * Appends the instant as {@link Instant#toString()} writes it ({@code 2026-12-02T04:36:12.123Z}, no fraction at a
     * whole second). The date and time of the second is written once and reused by the events of the same second:
     * the sender writes every {@code #json} event's timestamp, and {@code Instant.toString} goes through a
     * {@code DateTimeFormatter} each time. Outside years 1970 to 9999 (not of fixed width), {@code Instant.toString}.
     */
    static StringBuilder appendInstant(StringBuilder out, long epochMillis) {
        if (epochMillis < 0 || epochMillis > LAST_FIXED_WIDTH_MILLIS) {
            return out.append(Instant.ofEpochMilli(epochMillis));
        }
        long second = epochMillis / 1000;
        int millis = (int) (epochMillis % 1000);
        Second known = lastSecond;
        if (known.epochSecond() != second) {
            known = new Second(second, Instant.ofEpochSecond(second).toString().substring(0, 19));
            lastSecond = known;
        }
        out.append(known.text());
        if (millis != 0) {
            out.append('.').append((char) ('0' + millis / 100)).append((char) ('0' + millis / 10 % 10))
                    .append((char) ('0' + millis % 10));
        }
        return out.append('Z');
    }

    /** Appends {@code ,"key":value} for each context field the JSON format carries, in the context's order. */
    private StringBuilder appendContext(StringBuilder out) {
        return appendFields(out, context);
    }

    /**
     * The pairs as the text formats write them: {@code  key=value} each, a string as it is unless it is empty or holds
     * a space, a quote or {@code =} (then JSON-quoted), objects, lists and arrays as compact JSON.
     */
    static String keyValues(Map<String, ?> fields) {
        StringBuilder out = new StringBuilder();
        fields.forEach((k, v) -> {
            if (k == null) {
                return;  // a pair without a key has nowhere to go; the JSON format leaves it out too
            }
            out.append(' ').append(k).append('=');
            if (v instanceof String || v instanceof Character) {
                String text = v.toString();
                boolean plain = !text.isEmpty();
                for (int i = 0; plain && i < text.length(); i++) {
                    char c = text.charAt(i);
                    plain = c > ' ' && c != '"' && c != '=';
                }
                if (plain) {
                    out.append(text);
                } else {
                    quote(out, text);
                }
            } else if (v == null || v instanceof Number || v instanceof Boolean) {
                out.append(v);
            } else {
                out.append(jsonValue(v));
            }
        });
        return out.toString();
    }

    /** A value other than a string, boolean or integral number as compact JSON; its text, quoted, when it has none. */
    static String jsonValue(Object value) {
        if (value instanceof StructuredArgument.RawJson) {
            String text = ((StructuredArgument.RawJson) value).text();
            try {
                JsonNode tree = json().readTree(text);
                if (tree != null && !tree.isMissingNode()) {
                    return tree.toString();
                }
            } catch (Exception e) {
                // not JSON: written as a string below, so that nothing is lost
            }
            return quote(new StringBuilder(), text).toString();
        }
        try {
            JsonNode tree = json().valueToTree(value);
            return tree == null ? "null" : tree.toString();
        } catch (IllegalArgumentException e) {
            return quote(new StringBuilder(), String.valueOf(value)).toString();
        }
    }

    private StringBuilder appendFields(StringBuilder out, Map<String, Object> fields) {
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            String key = field.getKey();
            if (key == null || RESERVED.contains(key) || key.equals("function_name")) {
                continue;
            }
            quote(out.append(','), key).append(':');
            appendValue(out, field.getValue());
        }
        return out;
    }

    /** Appends {@code ,"logger":...} and the fields of a bridged line, each key made unique (see {@link #format}). */
    private void appendNamed(StringBuilder out, String loggerName, Map<String, ?> fields) {
        java.util.Set<String> used = new java.util.HashSet<>(RESERVED);
        used.add("function_name");
        used.addAll(context.keySet());
        if (loggerName != null) {
            String key = unique(LOGGER_KEY, used);
            quote(quote(out.append(','), key).append(':'), loggerName);
        }
        if (fields != null) {
            for (Map.Entry<String, ?> field : fields.entrySet()) {
                if (field.getKey() == null) {
                    continue;
                }
                quote(out.append(','), unique(field.getKey(), used)).append(':');
                appendValue(out, field.getValue());
            }
        }
    }

    private static String unique(String key, java.util.Set<String> used) {
        String name = key;
        while (!used.add(name)) {
            name = "_" + name;
        }
        return name;
    }

    /**
     * Appends one value as JSON: text and numbers directly, anything else through Jackson ({@link #jsonValue}: its
     * text, quoted, when that fails).
     */
    private static void appendValue(StringBuilder out, Object value) {
        if (value instanceof String || value instanceof Character) {
            quote(out, value.toString());
            return;
        }
        if (value == null || value instanceof Boolean || value instanceof Integer || value instanceof Long
                || value instanceof Short || value instanceof Byte || value instanceof BigInteger) {
            out.append(value);
            return;
        }
        if ((value instanceof Double && Double.isFinite((Double) value))
                || (value instanceof Float && Float.isFinite((Float) value))) {
            out.append(value);  // as Jackson writes a finite double or float (toString), without building a tree
            return;
        }
        out.append(jsonValue(value));
    }

    private static boolean fixedValues(Map<String, Object> context) {
        for (Object value : context.values()) {
            if (value != null && !IMMUTABLE_VALUES.contains(value.getClass())) {
                return false;
            }
        }
        return true;
    }

    /** True when the message, trimmed, starts and ends like a JSON object or array (it may still not parse). */
    private static boolean mayBeJson(String message) {
        int start = 0;
        int end = message.length() - 1;
        while (start <= end && message.charAt(start) <= ' ') {
            start++;
        }
        while (end >= start && message.charAt(end) <= ' ') {
            end--;
        }
        if (end - start < 1) {
            return false;
        }
        char first = message.charAt(start);
        char last = message.charAt(end);
        return (first == '{' && last == '}') || (first == '[' && last == ']');
    }

    /** The message as JSON when it is a JSON object or array, else null (it stays a string). */
    private static JsonNode embeddedJson(String message) {
        try {
            return json().readTree(message.trim());
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * Appends {@code text} as a JSON string, escaped as Jackson escapes it: {@code "} and {@code \}, the control
     * characters below U+0020 as {@code \b \t \n \f \r}, else as a backslash, {@code u00} and two upper-case
     * hex digits; nothing else.
     */
    static StringBuilder quote(StringBuilder out, String text) {
        return JsonText.escape(out.append('"'), text, 0, text.length()).append('"');
    }

    /** The UTF-8 bytes of {@code text} escaped by {@link #quote}, without the quotes. */
    static int escapedBytes(String text) {
        // one pass for both (the caller's size pass): ASCII, the usual case, is one byte plus its escape
        int total = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                return escapedBytesFrom(text, i, total);
            }
            if (c < 0x20) {
                total += c == '\b' || c == '\t' || c == '\n' || c == '\f' || c == '\r' ? 2 : 6;
            } else {
                total += c == '"' || c == '\\' ? 2 : 1;
            }
        }
        return total;
    }

    /** {@link #escapedBytes} from {@code start} on, {@code total} counted before it: past ASCII, as before. */
    private static int escapedBytesFrom(String text, int start, int total) {
        int escapes = 0;
        for (int i = start, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x20) {
                escapes += c == '\b' || c == '\t' || c == '\n' || c == '\f' || c == '\r' ? 1 : 5;
            } else if (c == '"' || c == '\\') {
                escapes += 1;
            }
        }
        return total + LogEvent.utf8Length(text.substring(start)) + escapes;
    }

    /**
     * The throwable's stack trace as {@code printStackTrace} writes it, without the last line break. When that
     * throws (a {@code toString()} or {@code getMessage()} of it or of its cause that throws), its class name, a
     * note saying why, and its frames: the event is logged all the same.
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
