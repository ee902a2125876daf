package dev.applog.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fallback lines are written by hand: each is exactly the line Jackson writes for the same fields, but for a lone
 * surrogate, which is escaped so that the UTF-8 line keeps it; every line reads back as the fields it was given.
 */
class FallbackTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void eachLineIsWhatJacksonWritesForTheSameFields() throws Exception {
        List<String> messages = List.of("plain", "", "quote \" backslash \\ slash /", "tab\tnewline\nreturn\r",
                "NUL \u0000 ESC \u001b DEL \u007f BEL \u0007", "emoji \ud83d\ude00 lone \ud83d and \ude00",
                "{\"already\": \"json\"}", "accents é ü, CJK 日本, BOM \ufeff, U+2028 \u2028");
        List<Event> events = new ArrayList<>();
        long timestamp = 1_764_057_600_000L;
        for (String message : messages) {
            events.add(new TextEvent(timestamp++, message, messages.indexOf(message) % 2 == 0 ? "own-stream" : null));
        }
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        new Fallback(new PrintStream(printed, true, StandardCharsets.UTF_8))
                .write(null, "batch \"stream\"", events, "rejected: \"too old\"\n(14 days)");

        String[] lines = printed.toString(StandardCharsets.UTF_8).split(System.lineSeparator());
        assertEquals(events.size(), lines.length);
        for (int i = 0; i < events.size(); i++) {
            Event event = events.get(i);
            ObjectNode expected = JSON.createObjectNode();
            expected.put("applog", "fallback");
            expected.put("reason", "rejected: \"too old\"\n(14 days)");
            expected.put("group", (String) null);
            expected.put("stream", event.stream == null ? "batch \"stream\"" : event.stream);
            expected.put("timestamp", event.timestamp);
            expected.put("message", event.text());
            assertEquals(expected, JSON.readTree(lines[i]), "message " + i + " read back");
            if (!hasLoneSurrogate(event.text())) {
                assertEquals(expected.toString(), lines[i], "message " + i);
            }
        }
        assertTrue(lines[5].contains("lone \\ud83d and \\ude00"), lines[5]);
    }

    private static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static String line(String message) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        new Fallback(new PrintStream(printed, true, StandardCharsets.UTF_8))
                .write("/g", "s", List.of(new TextEvent(0L, message, "s")), "r");
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void surrogatesAtTheEdgesOfAMessage() {
        String emoji = "\ud83d\ude00";
        String wide = new String(Character.toChars(0x2D800));
        // a pair is written raw, as Jackson writes it, never as two escapes; at the start, the end, alone
        for (String message : new String[] {emoji, emoji + "x", "x" + emoji, wide, wide + wide}) {
            String written = line(message);
            assertTrue(written.contains("\"message\":\"" + message + "\"}"), written);
            assertFalse(written.contains("\\u"), written);
        }
        assertTrue(line("end \ud83d").contains("\"message\":\"end \\ud83d\"}"), "a trailing lone high surrogate");
        assertTrue(line("\ude00 start").contains("\"message\":\"\\ude00 start\"}"), "a leading lone low surrogate");
        assertTrue(line("\ud83dx").contains("\"message\":\"\\ud83dx\"}"), "a high surrogate before a letter");
        assertTrue(line("\ud83d\ud83d\ude00").contains("\"message\":\"\\ud83d" + emoji + "\"}"), "a high surrogate before a pair");
    }

    @Test
    void eachWriteReachesTheStreamAtOnceAndEachCauseIsDiagnosedOnce() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        // a stream that buffers and never flushes by itself: only the fallback's own flush lets the text out
        Fallback fallback = new Fallback(new PrintStream(new java.io.BufferedOutputStream(printed, 1 << 16), false,
                StandardCharsets.UTF_8));
        fallback.write("/g", "s", List.of(new TextEvent(0L, "kept", "s")), "r");
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("\"message\":\"kept\""), printed.toString());
        fallback.diagnose("region", "set AWS_REGION");
        fallback.diagnose("region", "set AWS_REGION again");
        fallback.diagnose("access", "grant logs:PutLogEvents");
        String[] lines = printed.toString(StandardCharsets.UTF_8).split(System.lineSeparator());
        assertEquals(List.of("applog: set AWS_REGION", "applog: grant logs:PutLogEvents"), List.of(lines).subList(1, lines.length));
    }
}
