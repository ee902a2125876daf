package dev.applog;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Fields that never change once made: a copy, in order, that nobody can write to. The invocation's keys
 * ({@code AppLog.appendKey}, the SLF4J MDC in an invocation) are kept as one, replaced on each change, so that an
 * event can hold them without copying and a logger can write their text once and reuse it for every event that
 * carries the same snapshot ({@link #fixedText()}).
 */
public final class FrozenFields extends AbstractMap<String, Object> {

    /** Values whose text cannot change after they are taken. */
    private static final Set<Class<?>> IMMUTABLE_VALUES = Set.of(String.class, Boolean.class, Integer.class,
            Long.class, Short.class, Byte.class, Double.class, Float.class, Character.class, BigInteger.class,
            BigDecimal.class);

    private static final FrozenFields EMPTY = new FrozenFields(Map.of());

    private final Map<String, Object> fields;
    private final boolean fixedText;

    private FrozenFields(Map<String, ?> source) {
        Map<String, Object> copy = new LinkedHashMap<>(source);
        this.fields = Collections.unmodifiableMap(copy);
        boolean fixed = true;
        for (Object value : copy.values()) {
            fixed &= value == null || IMMUTABLE_VALUES.contains(value.getClass());
        }
        this.fixedText = fixed;
    }

    /** A frozen copy of {@code fields} (in their order); the one empty instance for none. */
    public static FrozenFields of(Map<String, ?> fields) {
        if (fields instanceof FrozenFields) {
            return (FrozenFields) fields;
        }
        return fields == null || fields.isEmpty() ? EMPTY : new FrozenFields(fields);
    }

    /** True when every value is null, a string or a boxed JDK number, boolean or character: its text never changes. */
    public boolean fixedText() { return fixedText; }

    @Override public Set<Entry<String, Object>> entrySet() { return fields.entrySet(); }

    @Override public Object get(Object key) { return fields.get(key); }

    @Override public boolean containsKey(Object key) { return fields.containsKey(key); }

    @Override public int size() { return fields.size(); }

    @Override public boolean isEmpty() { return fields.isEmpty(); }
}
