package dev.applog.slf4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.helpers.MessageFormatter;

/**
 * A message whose {@code {}} arguments the sender fills in reads, byte for byte, as SLF4J's {@code MessageFormatter}
 * writes it at the call, and its pieces are that text; an argument whose text could change keeps the formatting at
 * the call.
 */
class PatternMessageTest {

    private static final List<String> PATTERNS = List.of(
            "order {} accepted: {} items", "", "no placeholder", "{}", "{}{}{}", "{} at the start", "at the end {}",
            "escaped \\{} then {}", "double \\\\{} then {}", "\\{}", "\\\\{}", "x\\{}{}\\\\{}",
            "{ } { }} {{}} {", "a {} b \\ c {}", "quote \" backslash \\ tab\t nl\n {} \u0001",
            "\u20ac {} \ud83d\ude00 {} \u00e9", "{\"json\": {}}", "[{}]", " {} ", "}{}{", "{}\\");

    private static final List<Object[]> ARGUMENTS = List.of(
            new Object[] {"o-1", 3}, new Object[] {"only one"}, new Object[] {"a", "b", "c", "d"},
            new Object[] {null, null}, new Object[] {'c', true, 2.5, 7L}, new Object[] {(short) 1, (byte) 2, 1.5f},
            new Object[] {new BigDecimal("1.50"), new BigInteger("12345678901234567890"),
                    UUID.fromString("123e4567-e89b-12d3-a456-426614174000")},
            new Object[] {"\ud83d", "\ude00"}, new Object[] {"{}", "\\{}"}, new Object[] {"\"\\\n", "\u2028"},
            new Object[] {});

    @Test
    void readsAsMessageFormatterWritesIt() {
        for (String pattern : PATTERNS) {
            for (Object[] arguments : ARGUMENTS) {
                PatternMessage later = PatternMessage.of(pattern, arguments);
                String what = "'" + pattern + "' " + Arrays.toString(arguments);
                assertNotNull(later, what);
                String atTheCall = MessageFormatter.basicArrayFormat(pattern, arguments);
                assertEquals(atTheCall, later.text(), what);
                StringBuilder pieces = new StringBuilder();
                later.pieces((text, from, to) -> pieces.append(text, from, to));
                assertEquals(atTheCall, pieces.toString(), what);
            }
        }
    }

    @Test
    void anArgumentWhoseTextCouldChangeIsFormattedAtTheCall() {
        assertNull(PatternMessage.of("{}", new Object[] {new StringBuilder("x")}));
        assertNull(PatternMessage.of("{} {}", new Object[] {"a", new ArrayList<>(List.of(1))}));
        assertNull(PatternMessage.of("{}", new Object[] {new int[] {1, 2}}));
        assertNull(PatternMessage.of("{}", new Object[] {new Object[] {"a"}}));
        assertNull(PatternMessage.of("{}", new Object[] {new BigDecimal("1") { }}), "a subclass may be mutable");
        assertNull(PatternMessage.of(null, new Object[] {"a"}));
    }
}
