package dev.applog.slf4j;

import dev.applog.DeferredMessage;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.UUID;

/**
 * An SLF4J message whose {@code {}} arguments are filled in by the sender, off the caller's thread, byte for byte as
 * SLF4J's {@code MessageFormatter.basicArrayFormat} fills them in at the call. Made only when every argument's text
 * cannot change after the call ({@link #of}); the pattern is cut where {@code MessageFormatter} cuts it, so that the
 * logger can size the event from the pieces. Our own code (not {@code MessageFormatter}) because SLF4J's gives the
 * text only, never the pieces; {@code PatternMessageTest} holds the two to the same text.
 */
final class PatternMessage extends DeferredMessage {

    private final String pattern;
    /** The arguments' texts (a String is its own text; the other types' text taken at the call). */
    private final String[] texts;
    /** Per piece two ints: a range of the pattern, or {@code -1 - i} and 0 for the text of argument {@code i}. */
    private final int[] cuts;
    private final int count;
    private final int length;

    private PatternMessage(String pattern, String[] texts, int[] cuts, int count, int length) {
        this.pattern = pattern;
        this.texts = texts;
        this.cuts = cuts;
        this.count = count;
        this.length = length;
    }

    /**
     * The message of {@code pattern} and {@code arguments} to be written later, or null when it must be written now:
     * no pattern, or an argument whose text could change after the call or whose {@code toString} is user code.
     * Deferred: {@code null} and the JDK's immutable value types whose class is final or checked exactly (String,
     * the boxed primitives, BigInteger, BigDecimal, UUID). Anything else (arrays, collections, the user's own types,
     * enums, whose {@code toString} may be overridden) keeps SLF4J's formatting at the call.
     */
    static PatternMessage of(String pattern, Object[] arguments) {
        if (pattern == null) {
            return null;
        }
        String[] texts = new String[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            Object argument = arguments[i];
            if (argument instanceof String) {
                texts[i] = (String) argument;
            } else if (argument == null) {
                texts[i] = "null";
            } else if (isImmutableValue(argument.getClass())) {
                texts[i] = argument.toString();
            } else {
                return null;
            }
        }
        // MessageFormatter.arrayFormat's walk: each argument takes the next "{}"; "\{}" is a literal "{}" (the
        // backslash dropped, no argument taken); "\\{}" is one backslash and the argument; past the last "{}" the
        // rest of the pattern; arguments beyond the placeholders are left out
        int[] cuts = new int[4 * arguments.length + 2];
        int count = 0;
        int from = 0;
        for (int taken = 0; taken < arguments.length; taken++) {
            int at = pattern.indexOf("{}", from);
            if (at < 0) {
                break;
            }
            if (at > 0 && pattern.charAt(at - 1) == '\\') {
                if (at < 2 || pattern.charAt(at - 2) != '\\') {
                    cuts = room(cuts, count + 2);
                    cuts[2 * count] = from;
                    cuts[2 * count + 1] = at - 1;
                    cuts[2 * count + 2] = at;
                    cuts[2 * count + 3] = at + 1;  // the "{"; the "}" starts the next piece
                    count += 2;
                    from = at + 1;
                    taken--;
                    continue;
                }
                cuts = room(cuts, count + 2);
                cuts[2 * count] = from;
                cuts[2 * count + 1] = at - 1;
            } else {
                cuts = room(cuts, count + 2);
                cuts[2 * count] = from;
                cuts[2 * count + 1] = at;
            }
            cuts[2 * count + 2] = -1 - taken;
            cuts[2 * count + 3] = 0;
            count += 2;
            from = at + 2;
        }
        cuts = room(cuts, count + 1);
        cuts[2 * count] = from;
        cuts[2 * count + 1] = pattern.length();
        count++;
        int length = 0;
        for (int i = 0; i < count; i++) {
            int start = cuts[2 * i];
            length += start < 0 ? texts[-1 - start].length() : cuts[2 * i + 1] - start;
        }
        return new PatternMessage(pattern, texts, cuts, count, length);
    }

    private static int[] room(int[] cuts, int pieces) {
        return pieces * 2 <= cuts.length ? cuts : java.util.Arrays.copyOf(cuts, Math.max(pieces * 2, cuts.length * 2));
    }

    /** Classes whose instances' text cannot change: final, or compared exactly (BigInteger and BigDecimal are not). */
    private static boolean isImmutableValue(Class<?> type) {
        return type == Integer.class || type == Long.class || type == Boolean.class || type == Double.class
                || type == Float.class || type == Short.class || type == Byte.class || type == Character.class
                || type == BigInteger.class || type == BigDecimal.class || type == UUID.class;
    }

    @Override
    public void pieces(Pieces out) {
        for (int i = 0; i < count; i++) {
            int start = cuts[2 * i];
            if (start < 0) {
                String text = texts[-1 - start];
                out.piece(text, 0, text.length());
            } else {
                out.piece(pattern, start, cuts[2 * i + 1]);
            }
        }
    }

    @Override
    public String text() {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < count; i++) {
            int start = cuts[2 * i];
            if (start < 0) {
                out.append(texts[-1 - start]);
            } else {
                out.append(pattern, start, cuts[2 * i + 1]);
            }
        }
        return out.toString();
    }
}
