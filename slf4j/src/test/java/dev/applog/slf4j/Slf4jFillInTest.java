package dev.applog.slf4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.helpers.MessageFormatter;

/**
 * The provider fills in a line's {@code {}} arguments itself for the common line (every argument taken, each a string,
 * a boxed primitive, a BigInteger, BigDecimal or UUID, or null): its text is MessageFormatter's, character for
 * character, and any other line is left to MessageFormatter.
 */
class Slf4jFillInTest {

    /** Values whose text the provider writes itself. */
    private static final Object[] PLAIN = {"o-4711", "", "a\\b{}", 3, -7L, true, 'c', 1.5, 2.5f, (short) 4, (byte) 5,
        new BigInteger("123456789012345678901234567890"), new BigDecimal("1E+3"), UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
        null, "\u20ac\ud83d\ude00", Integer.MIN_VALUE, Long.MAX_VALUE, Double.NaN};

    private static String expected(String pattern, Object[] arguments) {
        return MessageFormatter.basicArrayFormat(pattern, arguments);
    }

    @Test
    void theCommonLineIsFilledInAsMessageFormatterFillsItIn() {
        List<Object[]> calls = List.of(
                new Object[] {"order {} accepted: {} items", "o-4711", 3},
                new Object[] {"{}", ""},
                new Object[] {"{}{}", 1, 2},
                new Object[] {"escaped \\{} then {}", "a"},
                new Object[] {"double \\\\{} then {}", "a", "b"},
                new Object[] {"\\{}", "a"},
                new Object[] {"{\"k\": {}}", 1},
                new Object[] {"tail {} and more", null},
                new Object[] {"{} {} {} {} {}", 1L, true, 'x', 1.25, new BigDecimal("0.10")});
        for (Object[] call : calls) {
            String pattern = (String) call[0];
            Object[] arguments = Arrays.copyOfRange(call, 1, call.length);
            String filled = AppLogSlf4jLogger.fillIn(pattern, arguments);
            if (pattern.equals("\\{}")) {
                assertNull(filled, "an escaped placeholder takes no argument: the argument is an extra");
                continue;
            }
            assertNotNull(filled, pattern);
            assertEquals(expected(pattern, arguments), filled, pattern);
        }
    }

    /**
     * Every pattern of up to 9 characters from "{", "}", "\", "a" (349,525 of them), with 1 to 3 plain arguments:
     * where the provider fills the line in, its text is MessageFormatter's; it fills in exactly the lines whose
     * arguments are all taken (as {@code taken} counts them, the count the line's extras are cut at).
     */
    @Test
    void everyShortPatternIsFilledInAsMessageFormatterFillsItIn() {
        char[] alphabet = {'{', '}', '\\', 'a'};
        Random random = new Random(14);
        int filledIn = 0;
        for (int length = 0; length <= 9; length++) {
            int count = 1 << (2 * length);
            for (int n = 0; n < count; n++) {
                char[] text = new char[length];
                for (int i = 0, rest = n; i < length; i++, rest >>= 2) {
                    text[i] = alphabet[rest & 3];
                }
                String pattern = new String(text);
                Object[] arguments = new Object[1 + random.nextInt(3)];
                for (int i = 0; i < arguments.length; i++) {
                    arguments[i] = PLAIN[random.nextInt(PLAIN.length)];
                }
                String filled = AppLogSlf4jLogger.fillIn(pattern, arguments);
                boolean allTaken = AppLogSlf4jLogger.taken(pattern, arguments.length) == arguments.length;
                assertEquals(allTaken, filled != null, pattern + " " + Arrays.toString(arguments));
                if (filled != null) {
                    assertEquals(expected(pattern, arguments), filled, pattern + " " + Arrays.toString(arguments));
                    filledIn++;
                }
            }
        }
        assertTrue(filledIn > 10_000, "the provider's own path was taken " + filledIn + " times");
    }

    /** A subclass of a JDK number: its toString is the caller's, so MessageFormatter writes it. */
    static final class OddNumber extends BigInteger {
        OddNumber() { super("7"); }

        @Override
        public String toString() { return "seven"; }
    }

    /** Arguments whose text is not a plain toString (arrays, mutable or user types, subclasses) go to MessageFormatter. */
    @Test
    void otherArgumentsAreLeftToMessageFormatter() {
        List<Object> others = new ArrayList<>(List.of(new int[] {1, 2}, new Object[] {"a"}, new StringBuilder("sb"),
                new OddNumber(), List.of("x"), new Object()));
        for (Object other : others) {
            assertNull(AppLogSlf4jLogger.fillIn("value {} and {}", new Object[] {"a", other}), String.valueOf(other));
        }
        assertNull(AppLogSlf4jLogger.fillIn(null, new Object[] {"a"}), "a null pattern");
        assertNull(AppLogSlf4jLogger.fillIn("no placeholder", new Object[] {"a"}), "an extra argument");
        assertNull(AppLogSlf4jLogger.fillIn("one {}", new Object[] {"a", "b"}), "an extra argument");
    }
}
