package dev.applog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applog.delivery.Batcher;
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

    /**
     * U+2D800 (CJK Extension F) is 4 UTF-8 bytes; its surrogate pair's low half is D800, so measuring it by its
     * low 16 bits would see a lone surrogate (1 byte) and make one part far over the limit.
     */
    @Test
    void aMessageOfSupplementaryCharactersWhoseLowBitsLookLikeASurrogateIsSplitWithinTheLimit() {
        String wide = new String(Character.toChars(0x2D800));
        String message = wide.repeat(300_000);  // 1,200,000 bytes
        int limit = 1_048_576 - Batcher.EVENT_OVERHEAD;
        List<String> parts = MessageSplitter.split(message, limit);
        assertEquals(2, parts.size());
        for (String part : parts) {
            assertTrue(LogEvent.utf8LengthSlow(part) <= limit, "part of " + LogEvent.utf8LengthSlow(part) + " bytes");
        }
        assertEquals(message, MessageSplitter.join(parts));
    }

    /** Every supplementary code point, one of each 1,024 low halves included, counts 4 bytes. */
    @Test
    void partsOfFourByteCharactersArePackedToTheLastByteThatFits() {
        for (int cp : new int[] {0x1F600, 0x2D800, 0x2DFFF, 0x10FFFF}) {
            String message = new String(Character.toChars(cp)).repeat(100);
            // a marker "[applog-part xxxxxxxx i/2] " is 27 bytes: 27 + 4 * 25 = 127 bytes hold 25 characters
            for (int limit : new int[] {127, 128, 129, 130}) {
                List<String> parts = MessageSplitter.split(message, limit);
                assertEquals(4, parts.size(), Integer.toHexString(cp) + " in " + limit);
                for (String part : parts) {
                    assertEquals(127, LogEvent.utf8LengthSlow(part), "packed: " + part);
                }
                assertEquals(message, MessageSplitter.join(parts));
            }
        }
    }

    /** Characters at each edge of each UTF-8 width, packed: every part is exactly as large as the limit allows. */
    @Test
    void charactersAtEveryWidthsEdgeArePackedToTheLastByteThatFits() {
        int[] codePoints = {0x7F, 0x80, 0x7FF, 0x800, 0xFFFF, 0x10000, 0x10FFFF};
        int[] widths = {1, 2, 2, 3, 3, 4, 4};
        for (int c = 0; c < codePoints.length; c++) {
            String message = new String(Character.toChars(codePoints[c])).repeat(50);
            int full = 27 + 10 * widths[c];  // a marker and 10 characters
            for (int limit = full; limit < full + widths[c]; limit++) {
                List<String> parts = MessageSplitter.split(message, limit);
                assertEquals(5, parts.size(), Integer.toHexString(codePoints[c]) + " in " + limit);
                for (String part : parts) {
                    assertEquals(full, LogEvent.utf8LengthSlow(part), Integer.toHexString(codePoints[c]) + " in " + limit);
                }
                assertEquals(message, MessageSplitter.join(parts));
            }
        }
    }

    @Test
    void joiningNoPartsGivesAnEmptyMessage() {
        assertEquals("", MessageSplitter.join(List.of()));
    }

    @Test
    void aTextWithoutAMarkerIsJoinedAsItIs() {
        assertEquals("plain", MessageSplitter.join(List.of("plain")));
    }

    /**
     * A limit too small for a marker and one character (the configuration's smallest event, 256 bytes, is far from
     * it) still gives one whole character per part, never an empty part.
     */
    @Test
    void aLimitTooSmallForOneCharacterGivesOneCharacterPerPart() {
        String wide = new String(Character.toChars(0x2D800));
        String message = wide.repeat(8);  // 32 bytes; a marker is 27
        List<String> parts = MessageSplitter.split(message, 30);
        assertEquals(8, parts.size());
        for (String part : parts) {
            assertTrue(part.endsWith("] " + wide), part);
        }
        assertEquals(message, MessageSplitter.join(parts));
    }
}
