package dev.applog;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Key-value pairs for one event, under the names of Powertools for AWS Lambda (Java)'s {@code StructuredArguments},
 * so that a call written for it reads the same here:
 *
 * <pre>{@code
 * import static dev.applog.StructuredArguments.entry;
 *
 * log.info("order placed", entry("orderId", id), entry("total", 42.5));
 * // #json:     {..., "message":"order placed", ..., "orderId":"o-17", "total":42.5}
 * // #standard: ... order placed orderId=o-17 total=42.5
 * }</pre>
 *
 * Static factory methods passed as trailing arguments were chosen over a fluent builder because the call stays one
 * log call (nothing to forget to finish), the level stays the method's name, and a team moving from Powertools only
 * changes its imports.
 */
public final class StructuredArguments {

    private StructuredArguments() {}

    /** One pair; {@code value} may be a string, number, boolean, null, a map, a list, an array or a bean. */
    public static StructuredArgument entry(String key, Object value) {
        return StructuredArgument.of(key, value);
    }

    /** Every pair of {@code map}, in its order (an empty or null map adds nothing). */
    public static StructuredArgument entries(Map<String, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        if (map != null) {
            map.forEach((k, v) -> copy.put(String.valueOf(k), v));
        }
        return new StructuredArgument(copy);
    }

    /** One pair whose value is a JSON array of {@code values}. */
    public static StructuredArgument array(String key, Object... values) {
        List<Object> list = values == null ? null : Arrays.asList(values.clone());
        return StructuredArgument.of(key, list);
    }

    /**
     * One pair whose value is the JSON text {@code json}, written as JSON, not as a string. A text that does not parse
     * as JSON is written as a string (so nothing is lost) and the text formats show it as given.
     */
    public static StructuredArgument json(String key, String json) {
        return StructuredArgument.of(key, json == null ? null : new StructuredArgument.RawJson(json));
    }
}
