package dev.applog;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a message too large for one event into parts, never inside a UTF-8 character (nor between the two
 * halves of a surrogate pair), and marks each part so that a reader can join them:
 *
 * <pre>[applog-part ID I/N] text...</pre>
 *
 * {@code ID} is 8 hex digits shared by the parts of one message, {@code I} counts from 1 to {@code N}. Joining:
 * take the parts with the same ID in the order of {@code I}, drop each marker (up to and including its
 * {@code "] "}), concatenate. {@link #join(List)} does exactly that.
 */
final class MessageSplitter {

    static final Pattern MARKER = Pattern.compile("^\\[applog-part ([0-9a-f]{8}) (\\d+)/(\\d+)\\] ");

    private MessageSplitter() { }

    /**
     * {@code message} in parts of at most {@code maxBytes} UTF-8 bytes each, markers included; the message
     * itself when it fits.
     */
    static List<String> split(String message, int maxBytes) {
        if (LogEvent.utf8Length(message) <= maxBytes) {
            return List.of(message);
        }
        String id = String.format("%08x", ThreadLocalRandom.current().nextInt());
        int guess = 2;
        while (true) {
            int markerBytes = marker(id, guess, guess).length();
            List<String> bodies = cut(message, maxBytes - markerBytes);
            if (bodies.size() <= guess) {
                List<String> parts = new ArrayList<>(bodies.size());
                for (int i = 0; i < bodies.size(); i++) {
                    parts.add(marker(id, i + 1, bodies.size()) + bodies.get(i));
                }
                return parts;
            }
            guess = bodies.size();
        }
    }

    private static String marker(String id, int index, int count) {
        return "[applog-part " + id + " " + index + "/" + count + "] ";
    }

    /** Cuts {@code text} into pieces of at most {@code budget} UTF-8 bytes at code point boundaries. */
    private static List<String> cut(String text, int budget) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        int bytes = 0;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int width = Character.charCount(cp);
            // a supplementary code point is 4 bytes whatever its low 16 bits are; a lone surrogate is sent as '?'
            int cpBytes = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp >= 0x10000 ? 4 : Character.isSurrogate((char) cp) ? 1 : 3;
            if (bytes + cpBytes > budget && i > start) {
                pieces.add(text.substring(start, i));
                start = i;
                bytes = 0;
            }
            bytes += cpBytes;
            i += width;
        }
        pieces.add(text.substring(start));
        return pieces;
    }

    /** Joins the parts of one message (in any order); a text without a marker is returned as it is. */
    static String join(List<String> parts) {
        String[] ordered = null;
        for (String part : parts) {
            Matcher m = MARKER.matcher(part);
            if (!m.find()) {
                return part;
            }
            int index = Integer.parseInt(m.group(2));
            int count = Integer.parseInt(m.group(3));
            if (ordered == null) {
                ordered = new String[count];
            }
            ordered[index - 1] = part.substring(m.end());
        }
        return ordered == null ? "" : String.join("", ordered);
    }
}
