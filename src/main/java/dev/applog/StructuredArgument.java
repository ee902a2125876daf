package dev.applog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Key-value pairs added to one event: in {@code #json} as keys of the record (objects and lists as JSON), in
 * the text formats as {@code key=value} after the message. Made with {@link StructuredArguments}.
 */
public final class StructuredArgument {

    /** A JSON text given by the caller, written as JSON (or as a string when it does not parse). */
    record RawJson(String text) {}

    private final Map<String, Object> fields;

    StructuredArgument(Map<String, Object> fields) {
        this.fields = Collections.unmodifiableMap(fields);
    }

    static StructuredArgument of(String key, Object value) {
        Map<String, Object> one = new LinkedHashMap<>(2);
        one.put(String.valueOf(key), value);  // a null key is written as "null": the value is not lost
        return new StructuredArgument(one);
    }

    /** The pairs, in the order given. */
    public Map<String, Object> fields() { return fields; }

    /**
     * The pairs of {@code arguments}, in order; a later key replaces an earlier one. Null arguments are skipped.
     * Empty (never null) when there are none.
     */
    static Map<String, Object> fieldsOf(StructuredArgument[] arguments) {
        if (arguments == null || arguments.length == 0) {
            return Map.of();
        }
        Map<String, Object> all = new LinkedHashMap<>();
        for (StructuredArgument argument : arguments) {
            if (argument != null) {
                all.putAll(argument.fields);
            }
        }
        return all;
    }

    @Override
    public String toString() { return fields.toString(); }
}
