package dev.applog.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PlaceholdersTest {

    private static final Function<String, String> ENV = Map.of("GROUP", "/app/shop", "STAGE", "prod", "EMPTY", "")::get;

    private static String expand(String value) {
        return Placeholders.expandEnvironment(value, name -> {
            String v = ENV.apply(name);
            return v == null || v.isEmpty() ? null : v;
        });
    }

    @Test
    void variablesAndDefaults() {
        assertEquals("/app/shop", expand("${GROUP}"));
        assertEquals("/app/shop/prod", expand("${GROUP}/${STAGE}"));
        assertEquals("/app/fallback", expand("${MISSING:-/app/fallback}"));
        assertEquals("x-", expand("x-${EMPTY:-}"), "an empty default is allowed");
        assertEquals("/dflt", expand("${EMPTY:-/dflt}"), "empty counts as unset");
        assertEquals("/app/shop", expand("${GROUP:-/ignored}"));
    }

    @Test
    void textWithoutPlaceholdersIsUnchanged() {
        assertEquals("cost $5 {date}", expand("cost $5 {date}"));
        assertEquals("", expand(""));
    }

    @Test
    void badPlaceholdersNameTheRule() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> expand("${MISSING}")).getMessage()
                .contains("environment variable MISSING is not set"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> expand("${GROUP")).getMessage()
                .contains("has no closing"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> expand("${1ST}")).getMessage()
                .contains("does not name an environment variable"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> expand("${}")).getMessage()
                .contains("does not name an environment variable"));
    }

    @Test
    void theStreamsFunctionIsFilledInAndTheDateLeft() {
        assertEquals("orders-{date}", Placeholders.expandStream("{function}-{date}", "orders"));
    }

    /** Names are upper- and lower-case letters, digits and '_'; the character just outside each range is refused. */
    @Test
    void variableNamesTakeEveryCharacterOfTheirRangesAndNoneNextToThem() {
        Map<String, String> env = Map.of("app_log_group2", "/a", "AZ_az09", "/b", "_", "/c");
        assertEquals("/a", Placeholders.expandEnvironment("${app_log_group2}", env::get));
        assertEquals("/b", Placeholders.expandEnvironment("${AZ_az09}", env::get));
        assertEquals("/c", Placeholders.expandEnvironment("${_}", env::get));
        for (String bad : new String[] {"BAD-NAME", "A@", "A[", "A`", "A{", "A/", "A:", "A.B", "A B"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Placeholders.expandEnvironment("${" + bad + "}", name -> "set"), bad);
            assertTrue(e.getMessage().contains("does not name an environment variable"), e.getMessage());
        }
    }
}
