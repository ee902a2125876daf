package dev.applog;

import dev.applog.delivery.Event;
import java.nio.charset.StandardCharsets;

/**
 * One event ready to send: its text, its UTF-8 size (what the service counts) and its stream; the one kind of
 * {@link Event} delivery is given.
 *
 * <p>An event can be made from its parts (level, message, caller and the logger's formatter) with its size
 * already worked out: its text is then written when it is asked for ({@link #text()}), by the sender, off the
 * caller's thread. Writing it is deterministic: it is not kept, but written again if asked for again (a retry,
 * the fallback), so the buffer holds the parts only.
 */
final class LogEvent extends Event {
    /** The text; null for an event made from its parts (see {@link #text()}). */
    final String message;
    private final EventFormatter formatter;
    private final Level level;
    private final String raw;
    private final String caller;
    /** A line's logger name and its fields part written at the call ({@link EventFormatter#fragment}); null for none. */
    private final String loggerName;
    private final String named;

    LogEvent(long timestamp, String message, int bytes, String stream) {
        super(timestamp, bytes, stream);
        this.message = message;
        this.formatter = null;
        this.level = null;
        this.raw = null;
        this.caller = null;
        this.loggerName = null;
        this.named = null;
    }

    LogEvent(long timestamp, String message, String stream) {
        this(timestamp, message, utf8Length(message), stream);
    }

    /** An event whose text {@code formatter} writes later; {@code bytes} is what it will write. */
    LogEvent(long timestamp, int bytes, String stream, EventFormatter formatter, Level level, String message,
             String caller) {
        this(timestamp, bytes, stream, formatter, level, message, caller, null, null);
    }

    /**
     * An event with a logger's name (a bridged line) or fields whose text {@code formatter} writes later around the
     * fields part {@code named}, already written at the call; {@code bytes} is what it will write.
     */
    LogEvent(long timestamp, int bytes, String stream, EventFormatter formatter, Level level, String message,
             String caller, String loggerName, String named) {
        super(timestamp, bytes, stream);
        this.message = null;
        this.formatter = formatter;
        this.level = level;
        this.raw = message;
        this.caller = caller;
        this.loggerName = loggerName;
        this.named = named;
    }

    /**
     * The event's text. Writing a deferred text does not fail (the formatter defers only what it can write without
     * user code or parsing); should it all the same, the message itself is sent rather than lost: it is not
     * larger than the text counted for it (a format only adds to the message or escapes it).
     */
    @Override
    public String text() {
        if (message != null) {
            return message;
        }
        try {
            return named == null ? formatter.format(level, raw, null, timestamp, caller)
                    : formatter.write(level, raw, null, timestamp, caller, loggerName, named);
        } catch (RuntimeException e) {
            return raw.isEmpty() ? EventFormatter.EMPTY_MESSAGE : raw;
        }
    }

    /** UTF-8 length without encoding the string. An unpaired surrogate is sent as '?' (1 byte). */
    static int utf8Length(CharSequence text) {
        int total = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                total += 1;
            } else if (c < 0x800) {
                total += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                total += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                total += 1;
            } else {
                total += 3;
            }
        }
        return total;
    }

    static int utf8LengthSlow(String text) { return text.getBytes(StandardCharsets.UTF_8).length; }

    @Override
    public String toString() { return "LogEvent{" + timestamp + ", " + bytes + " B, " + stream + "}"; }
}
