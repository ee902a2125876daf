package dev.applog.slf4j;

import dev.applog.Level;
import dev.applog.StructuredArgument;
import dev.applog.bridge.Bridges;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.LoggingEventAware;

/**
 * An SLF4J logger that maps each call onto one {@link Bridges#log} call: the level (TRACE and DEBUG are our DEBUG,
 * WARN our WARNING), the message with its {@code {}} arguments filled in (only once the level is known to pass:
 * SLF4J's {@code AbstractLogger} asks {@code is*Enabled} first), the throwable, the MDC entries, the fluent API's
 * key-value pairs and the marker as fields, and the logger's name.
 */
final class AppLogSlf4jLogger extends LegacyAbstractLogger implements LoggingEventAware {

    private static final long serialVersionUID = 1L;

    private final transient AppLogMdcAdapter mdc;

    AppLogSlf4jLogger(String name, AppLogMdcAdapter mdc) {
        this.name = name;
        this.mdc = mdc;
    }

    /** SLF4J's level to ours. TRACE has no level of its own here: it is DEBUG, our lowest. */
    static Level levelOf(org.slf4j.event.Level level) {
        switch (level) {
            case ERROR: return Level.ERROR;
            case WARN: return Level.WARNING;
            case INFO: return Level.INFO;
            default: return Level.DEBUG;
        }
    }

    @Override public boolean isTraceEnabled() { return Bridges.isEnabled(name, Level.DEBUG); }

    @Override public boolean isDebugEnabled() { return Bridges.isEnabled(name, Level.DEBUG); }

    @Override public boolean isInfoEnabled() { return Bridges.isEnabled(name, Level.INFO); }

    @Override public boolean isWarnEnabled() { return Bridges.isEnabled(name, Level.WARNING); }

    @Override public boolean isErrorEnabled() { return Bridges.isEnabled(name, Level.ERROR); }

    @Override
    protected String getFullyQualifiedCallerName() { return AppLogSlf4jLogger.class.getName(); }

    @Override
    protected void handleNormalizedLoggingCall(org.slf4j.event.Level level, Marker marker, String pattern,
                                               Object[] arguments, Throwable throwable) {
        log(levelOf(level), pattern, arguments, throwable, fields(marker == null ? null : List.of(marker), null));
    }

    /** The fluent API's event ({@code logger.atInfo().addKeyValue("k", v).log("...")}): its pairs become fields. */
    @Override
    public void log(LoggingEvent event) {
        Level level = levelOf(event.getLevel());
        if (!Bridges.isEnabled(name, level)) {
            return;
        }
        Object[] arguments = event.getArgumentArray();
        Throwable throwable = event.getThrowable();
        String message = event.getMessage();
        if (arguments != null && arguments.length > 0) {
            // a last argument that is a throwable and has no {} of its own is the event's throwable, as in SLF4J
            Throwable trailing = MessageFormatter.getThrowableCandidate(arguments);
            if (trailing != null && throwable == null) {
                throwable = trailing;
                arguments = MessageFormatter.trimmedCopy(arguments);
            }
        }
        log(level, message, arguments, throwable, fields(event.getMarkers(), event.getKeyValuePairs()));
    }

    /**
     * One line to {@link Bridges}, its {@code {}} arguments filled in now (a mutable argument is logged as it was at the
     * call): by {@link #fillIn} for the common line, else by SLF4J's {@code MessageFormatter}; arguments beyond the
     * placeholders as {@link #logWithExtras} says.
     */
    private void log(Level level, String pattern, Object[] arguments, Throwable throwable, Map<String, Object> fields) {
        if (arguments == null || arguments.length == 0) {
            Bridges.log(name, level, pattern, throwable, fields);
            return;
        }
        String filled = fillIn(pattern, arguments);
        if (filled != null) {
            Bridges.log(name, level, filled, throwable, fields);
            return;
        }
        int taken = taken(pattern, arguments.length);
        if (taken < arguments.length && pattern != null) {
            logWithExtras(level, pattern, arguments, taken, throwable, fields);
            return;
        }
        Bridges.log(name, level, MessageFormatter.basicArrayFormat(pattern, arguments), throwable, fields);
    }

    /**
     * {@code pattern} with its {@code {}} filled in, exactly as {@code MessageFormatter.basicArrayFormat} fills it in,
     * when every argument is taken by a placeholder and each one taken is of a JDK type whose text is its
     * {@code toString()} and cannot fail ({@link #append}); else null, and the caller goes through
     * {@code MessageFormatter}. Ours, for the common line (a few strings and numbers), because MessageFormatter makes a
     * map per argument and a result holder per line, and does not say how many arguments it took, which the line
     * needs ({@link #logWithExtras}): one walk here does both, with one builder. The walk is MessageFormatter's
     * ({@code arrayFormat}, SLF4J 2.0.17): "\{}" is a literal "{}" and takes no argument, "\\{}" a backslash and
     * an argument; {@code Slf4jFillInTest} holds it to MessageFormatter's text.
     */
    static String fillIn(String pattern, Object[] arguments) {
        if (pattern == null) {
            return null;
        }
        StringBuilder out = null;
        int from = 0;
        int taken = 0;
        while (taken < arguments.length) {
            int at = pattern.indexOf("{}", from);
            if (at < 0) {
                return null;  // arguments beyond the placeholders: the caller's path for them
            }
            if (out == null) {
                out = new StringBuilder(pattern.length() + 16 * arguments.length);
            }
            if (at > 0 && pattern.charAt(at - 1) == '\\') {
                if (at < 2 || pattern.charAt(at - 2) != '\\') {
                    out.append(pattern, from, at - 1).append('{');  // "\{}": a literal "{", its "}" follows
                    from = at + 1;
                    continue;
                }
                out.append(pattern, from, at - 1);  // "\\{}": one backslash, then the argument
            } else {
                out.append(pattern, from, at);
            }
            if (!append(out, arguments[taken++])) {
                return null;
            }
            from = at + 2;
        }
        return out.append(pattern, from, pattern.length()).toString();
    }

    /**
     * Appends the argument's text when it is null ("null", as MessageFormatter writes it) or of a JDK type (exactly, not
     * a subclass) whose {@code toString()} is its text and never throws; false, appending nothing, for any other.
     * Integers are appended as numbers, without a string of their own.
     */
    private static boolean append(StringBuilder out, Object argument) {
        if (argument == null) {
            out.append("null");
            return true;
        }
        Class<?> type = argument.getClass();
        if (type == String.class) {
            out.append((String) argument);
        } else if (type == Integer.class) {
            out.append(((Integer) argument).intValue());
        } else if (type == Long.class) {
            out.append(((Long) argument).longValue());
        } else if (type == Boolean.class || type == Character.class || type == Double.class || type == Float.class
                || type == Short.class || type == Byte.class || type == java.math.BigInteger.class
                || type == java.math.BigDecimal.class || type == java.util.UUID.class) {
            out.append(argument.toString());
        } else {
            return false;
        }
        return true;
    }

    /**
     * How many of {@code arguments} arguments {@code MessageFormatter} puts into {@code pattern}, walking it as it does:
     * each argument takes the next "{}"; "\{}" is a literal "{}" and takes none; "\\{}" takes one. SLF4J has no
     * method that tells it, so the walk is ours; {@code Slf4jMdcTest} holds it to MessageFormatter's text.
     */
    static int taken(String pattern, int arguments) {
        int taken = 0;
        int from = 0;
        while (pattern != null && taken < arguments) {
            int at = pattern.indexOf("{}", from);
            if (at < 0) {
                break;
            }
            if (at > 0 && pattern.charAt(at - 1) == '\\' && (at < 2 || pattern.charAt(at - 2) != '\\')) {
                from = at + 1;
                continue;
            }
            taken++;
            from = at + 2;
        }
        return taken;
    }

    /**
     * A line with arguments beyond its placeholders (SLF4J's formatter would leave them out): applog's
     * {@link StructuredArgument} gives its pairs as fields; a {@link Map.Entry}, or an object with public
     * {@code getKey()} and {@code getValue()} (Powertools' {@code StructuredArguments.entry}), a field named after its
     * key; anything else (Powertools' {@code entries}, {@code array}, {@code json}, plain values) its text appended to
     * the message after a space, so that nothing passed is lost. Written at the call.
     */
    private void logWithExtras(Level level, String pattern, Object[] arguments, int taken, Throwable throwable,
                               Map<String, Object> fields) {
        // all the arguments, as SLF4J passes them: MessageFormatter takes off "\{}"'s backslash only while it has
        // arguments left, and leaves out those past the placeholders
        StringBuilder message = new StringBuilder(MessageFormatter.basicArrayFormat(pattern, arguments));
        Map<String, Object> all = fields == null ? new LinkedHashMap<>() : fields;
        for (int i = taken; i < arguments.length; i++) {
            Object extra = arguments[i];
            if (extra instanceof StructuredArgument) {
                all.putAll(((StructuredArgument) extra).fields());
            } else if (extra instanceof Map.Entry && ((Map.Entry<?, ?>) extra).getKey() != null) {
                all.put(String.valueOf(((Map.Entry<?, ?>) extra).getKey()), ((Map.Entry<?, ?>) extra).getValue());
            } else if (!KeyValueShape.put(extra, all)) {
                message.append(' ').append(textOf(extra));
            }
        }
        Bridges.log(name, level, message.toString(), throwable, all.isEmpty() ? null : all);
    }

    /** An argument's text as SLF4J writes a {} argument (arrays' contents, a failing toString named as such). */
    private static String textOf(Object argument) {
        return MessageFormatter.basicArrayFormat("{}", new Object[] {argument});
    }

    /**
     * Objects that expose one pair through public {@code getKey()} and {@code getValue()} (Powertools'
     * {@code KeyValueArgument}, made by its {@code StructuredArguments.entry}): looked up once per class. Reflection
     * because those types are the caller's libraries', not ours to depend on.
     */
    private static final class KeyValueShape {
        private static final ClassValue<Method[]> METHODS = new ClassValue<>() {
            @Override
            protected Method[] computeValue(Class<?> type) {
                try {
                    Method key = type.getMethod("getKey");
                    Method value = type.getMethod("getValue");
                    if (key.getReturnType() != String.class || !key.trySetAccessible() || !value.trySetAccessible()) {
                        return null;
                    }
                    return new Method[] {key, value};
                } catch (NoSuchMethodException | SecurityException e) {
                    return null;
                }
            }
        };

        /** Puts the object's pair into {@code fields}; false when it has no such shape (or reading it fails). */
        static boolean put(Object argument, Map<String, Object> fields) {
            if (argument == null) {
                return false;
            }
            Method[] methods = METHODS.get(argument.getClass());
            if (methods == null) {
                return false;
            }
            try {
                Object key = methods[0].invoke(argument);
                if (key == null) {
                    return false;
                }
                fields.put((String) key, methods[1].invoke(argument));
                return true;
            } catch (ReflectiveOperationException | RuntimeException e) {
                return false;
            }
        }
    }

    /**
     * MDC entries (outside an invocation only: in one, the MDC is the invocation's keys, which its logger adds to
     * every event), then key-value pairs, then the marker(s); null when there are none.
     */
    private Map<String, Object> fields(List<Marker> markers, List<KeyValuePair> pairs) {
        Map<String, String> context = mdc.fieldsOutsideInvocation();
        boolean hasContext = context != null && !context.isEmpty();
        boolean hasPairs = pairs != null && !pairs.isEmpty();
        boolean hasMarkers = markers != null && !markers.isEmpty();
        if (!hasContext && !hasPairs && !hasMarkers) {
            return null;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        if (hasContext) {
            fields.putAll(context);
        }
        if (hasPairs) {
            for (KeyValuePair pair : pairs) {
                if (pair != null && pair.key != null) {
                    fields.put(pair.key, pair.value);
                }
            }
        }
        if (hasMarkers) {
            StringBuilder names = new StringBuilder();
            for (Marker marker : markers) {
                names.append(names.length() == 0 ? "" : ",").append(marker.getName());
            }
            fields.put("marker", names.toString());
        }
        return fields;
    }
}
