package dev.applog;

import java.nio.charset.StandardCharsets;

/** One event ready to send: its text, its UTF-8 size (what the service counts) and its stream. */
final class LogEvent {
    final long timestamp;
    final String message;
    final int bytes;
    final String stream;

    LogEvent(long timestamp, String message, int bytes, String stream) {
        this.timestamp = timestamp;
        this.message = message;
        this.bytes = bytes;
        this.stream = stream;
    }

    LogEvent(long timestamp, String message, String stream) {
        this(timestamp, message, utf8Length(message), stream);
    }

    /** What the event costs in a request: its UTF-8 bytes plus the service's 26 per event. */
    int cost() { return bytes + Batcher.EVENT_OVERHEAD; }

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
