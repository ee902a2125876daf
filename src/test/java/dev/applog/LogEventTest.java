package dev.applog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The UTF-8 size the batching counts, and an event's text when the formatter fails all the same. */
class LogEventTest {

    @Test
    void eachCharacterIsCountedAsUtf8EncodesItAtEveryWidthsEdge() {
        String[] samples = {"\u007f", "\u0080", "\u07ff", "\u0800", "\ud7ff", "\ue000", "\uffff",
                new String(Character.toChars(0x10000)), new String(Character.toChars(0x2D800)),
                new String(Character.toChars(0x10FFFF)), "\ud800", "\udfff", "a\ud83d", "\ude00b"};
        int[] bytes = {1, 2, 2, 3, 3, 3, 3, 4, 4, 4, 1, 1, 2, 2};
        for (int i = 0; i < samples.length; i++) {
            assertEquals(bytes[i], LogEvent.utf8Length(samples[i]), "sample " + i);
            assertEquals(LogEvent.utf8LengthSlow(samples[i]), LogEvent.utf8Length(samples[i]), "sample " + i);
        }
    }

    @Test
    void anEventWhoseTextCannotBeWrittenSendsItsMessageRatherThanNothing() {
        EventFormatter formatter = new EventFormatter(LoggerConfig.builder().format("#short").build(), Map.of());
        // no level: writing the prefix fails, a case the formatter never defers; the message is kept all the same
        LogEvent event = new LogEvent(1_000L, 3, "s", formatter, null, "raw", "");
        assertEquals("raw", event.text());
        assertEquals(EventFormatter.EMPTY_MESSAGE, new LogEvent(1_000L, 3, "s", formatter, null, "", "").text());
    }

    @Test
    void itsDescriptionGivesTimestampSizeAndStream() {
        String text = new LogEvent(1_000L, "\u20ac", "day-stream").toString();
        assertTrue(text.contains("1000") && text.contains("3 B") && text.contains("day-stream"), text);
    }

    @Test
    void aDeferredEventWritesWhatTheFormatterWrites() {
        EventFormatter formatter = new EventFormatter(LoggerConfig.builder().format("#short").function("f").build(), Map.of());
        LogEvent event = new LogEvent(1_000L, formatter.deferredBytes(Level.WARNING, "low stock", 1_000L, ""), "s",
                formatter, Level.WARNING, "low stock", "");
        assertEquals("WARNING: f: low stock", event.text());
        assertEquals(LogEvent.utf8LengthSlow(event.text()), event.bytes);
    }
}
