package dev.applog.local.logs;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The filter pattern syntax's edges, one pattern and one event at a time (the conformance suite has the rest). */
class FilterPatternTest {

    private static boolean matches(String pattern, String message) {
        return FilterPattern.parse(pattern).matches(message);
    }

    @Test
    void jsonValuesCompareAsNumbersWhenBothAreNumbersElseAsText() {
        assertTrue(matches("{ $.a = 1 }", "{\"a\":1.0}"));
        assertTrue(matches("{ $.a = 1e3 }", "{\"a\":1000}"));
        assertTrue(matches("{ $.code = 200 }", "{\"code\":\"200\"}"), "a number pattern, a string field: as text");
        assertTrue(matches("{ $.code = \"200\" }", "{\"code\":200}"));
        assertFalse(matches("{ $.a > 1 }", "{\"a\":\"5\"}"), "< > <= >= compare numbers only");
        assertTrue(matches("{ $.flag = true }", "{\"flag\":true}"));
        assertFalse(matches("{ $.obj = \"x\" }", "{\"obj\":{\"x\":1}}"), "an object equals no string");
        assertFalse(matches("{ $.n != 1 }", "{\"n\":null}"), "null is IS NULL's, not !='s");
    }

    @Test
    void jsonStringsTakeWildcardsSpacesAndEscapedQuotes() {
        assertTrue(matches("{ $.s = \"a b*\" }", "{\"s\":\"a b c\"}"));
        assertTrue(matches("{ $.s = \"*.example.com\" }", "{\"s\":\"api.example.com\"}"));
        assertFalse(matches("{ $.s = \"*.example.com\" }", "{\"s\":\"api.example.org\"}"));
        assertTrue(matches("{ $.q = \"say \\\"hi\\\"\" }", "{\"q\":\"say \\\"hi\\\"\"}"));
        assertTrue(matches("{ $.s = a.b }", "{\"s\":\"a.b\"}"), "the dot is no wildcard");
        assertFalse(matches("{ $.s = a.b }", "{\"s\":\"axb\"}"));
        assertTrue(matches("{ $.s = \"A\" }", "{\"s\":\"A\"}"));
        assertFalse(matches("{ $.s = \"A\" }", "{\"s\":\"a\"}"), "case-sensitive");
    }

    @Test
    void aJsonPatternNeverMatchesAnEventThatIsNotJson() {
        assertFalse(matches("{ $.level = \"ERROR\" }", "level = ERROR"));
        assertFalse(matches("{ $.level NOT EXISTS }", "plain text"));
        assertFalse(matches("{ $.level = \"ERROR\" }", "{broken json"));
    }

    @Test
    void nestedParenthesesAndPrecedenceAndBeforeOr() {
        String event = "{\"a\":1,\"b\":2,\"c\":3}";
        assertTrue(matches("{ $.a = 9 && $.b = 9 || $.c = 3 }", event), "&& binds tighter than ||");
        assertFalse(matches("{ $.a = 9 && ($.b = 9 || $.c = 3) }", event));
        assertTrue(matches("{ (($.a = 1)) && ($.b = 2 && ($.c = 3 || $.c = 4)) }", event));
        assertTrue(matches("{ $.list[1].id = 7 }", "{\"list\":[{\"id\":6},{\"id\":7}]}"));
        assertFalse(matches("{ $.list[2].id EXISTS }", "{\"list\":[{\"id\":6},{\"id\":7}]}"));
        assertTrue(matches("{ $.a is true || $.b exists }", event), "keywords in any case");
    }

    @Test
    void spaceDelimitedFieldsEllipsesAndQuotedOrBracketedRuns() {
        String line = "2026-12-02 ERROR [worker 3] \"disk is full\" 507";
        assertTrue(matches("[date, level = ERROR, thread, text, code]", line));
        assertTrue(matches("[date, ..., code = 507]", line));
        assertTrue(matches("[..., text = \"*full\", code]", line));
        assertTrue(matches("[date, level, thread = \"worker*\", ...]", line));
        assertTrue(matches("[..., code >= 500 && code < 600]", line));
        assertFalse(matches("[date, level, thread, text]", line), "without ... the number of fields must match");
        assertTrue(matches("[a, b]", "\"one two\" three"));
        assertFalse(matches("[a, ..., b, c, d]", "x y"));
    }

    @Test
    void termPatternsKeepTheirRules() {
        assertTrue(matches("ERROR -ignored", "ERROR disk"));
        assertFalse(matches("ERROR -ignored", "ERROR ignored"));
        assertTrue(matches("?WARN ?ERROR", "a WARN"));
        assertTrue(matches("%ERR[O0]R%", "an ERR0R"));
        assertTrue(matches("\"disk full\" ERROR", "ERROR: disk full"));
    }

    @Test
    void whatTheSyntaxDoesNotAllowIsRefusedNamingTheRule() {
        List<List<String>> cases = List.of(
                List.of("{ $.a = 1 } }", "nothing after the closing '}'"),
                List.of("{ $.a = 1 } extra", "a JSON pattern ends with '}'"),
                List.of("{ $.a = 1", "a JSON pattern ends with '}'"),
                List.of("{ $.a }", "an operator (= != < > <= >=, IS, EXISTS or NOT EXISTS) after the selector"),
                List.of("{ $.a > high }", "'>' compares numbers, and high is not a number."),
                List.of("{ $.list[x] = 1 }", "an array selector takes an index"),
                List.of("{ $. = 1 }", "a field name after '.'"),
                List.of("{ $.a NOT NULL }", "EXISTS after NOT"),
                List.of("[a, a]", "the field name 'a' is used twice."),
                List.of("[a = 1 || b = 2]", "each field's conditions are on that field."),
                List.of("ERROR -", "'-' must be followed by a term."),
                List.of("%[%", "the regular expression %[% is not valid"),
                List.of("%%", "a regular expression %...% is empty."));
        for (List<String> c : cases) {
            LogsServiceException e = assertThrows(LogsServiceException.class, () -> FilterPattern.parse(c.get(0)),
                    c.get(0));
            assertTrue(e.getMessage().startsWith("Invalid filter pattern '" + c.get(0) + "': "), e.getMessage());
            assertTrue(e.getMessage().contains(c.get(1)), c.get(0) + " -> " + e.getMessage());
        }
        LogsServiceException open = assertThrows(LogsServiceException.class, () -> FilterPattern.parse("{"));
        assertEquals("InvalidParameterException", open.errorType);
        assertEquals(400, open.status);
    }
}
