package dev.applog.slf4j;

import dev.applog.Level;
import dev.applog.bridge.Bridges;
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
        String message = arguments == null || arguments.length == 0 ? pattern
                : MessageFormatter.basicArrayFormat(pattern, arguments);
        Bridges.log(name, levelOf(level), message, throwable, fields(marker == null ? null : List.of(marker), null));
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
            message = MessageFormatter.basicArrayFormat(message, arguments);
        }
        Bridges.log(name, level, message, throwable, fields(event.getMarkers(), event.getKeyValuePairs()));
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
