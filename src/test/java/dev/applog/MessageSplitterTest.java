package dev.applog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageSplitterTest {

    @Test
    void aMessageThatFitsIsLeftAlone() {
        assertEquals(List.of("hello"), MessageSplitter.split("hello", 5));
    }

    @Test
    void splitsIntoMarkedPartsWithinTheLimitAndJoinsBack() {
        String message = "0123456789".repeat(1_000);
        List<String> parts = MessageSplitter.split(message, 1_000);
        assertTrue(parts.size() > 10);
        for (int i = 0; i < parts.size(); i++) {
            assertTrue(LogEvent.utf8LengthSlow(parts.get(i)) <= 1_000);
            assertTrue(parts.get(i).matches("^\\[applog-part [0-9a-f]{8} " + (i + 1) + "/" + parts.size() + "\\] .*"), parts.get(i));
        }
        List<String> shuffled = new ArrayList<>(parts);
        Collections.reverse(shuffled);
        assertEquals(message, MessageSplitter.join(shuffled));
    }

    @Test
    void neverCutsInsideAMultiByteCharacterOrASurrogatePair() {
        String message = "a😀€é".repeat(5_000);  // 1+4+3+2 bytes per repeat
        for (int limit : new int[] {100, 101, 102, 103, 997}) {
            List<String> parts = MessageSplitter.split(message, limit);
            for (String part : parts) {
                assertTrue(LogEvent.utf8LengthSlow(part) <= limit, "part over " + limit);
                assertFalse(Character.isHighSurrogate(part.charAt(part.length() - 1)), "part ends inside a pair");
                assertFalse(Character.isLowSurrogate(part.charAt(part.indexOf("] ") + 2)), "part starts inside a pair");
            }
            assertEquals(message, MessageSplitter.join(parts));
        }
    }
}
