package dev.applog.lambda;

import dev.applog.AppLogger;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts the routing logger into a handler's fields of type {@link AppLogger}: its own and inherited ones,
 * instance and static, that are not final and still empty (or already hold the routing logger). A field
 * the handler filled with a logger of its own is left alone.
 */
final class FieldInjector {

    private static final ClassValue<List<Field>> FIELDS = new ClassValue<>() {
        @Override
        protected List<Field> computeValue(Class<?> type) {
            List<Field> found = new ArrayList<>();
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    if (field.getType() == AppLogger.class && !Modifier.isFinal(field.getModifiers())
                            && !field.isSynthetic()) {
                        try {
                            field.setAccessible(true);
                            found.add(field);
                        } catch (RuntimeException e) {
                            // a field in a module closed to us: the handler can still use AppLog.current()
                        }
                    }
                }
            }
            return List.copyOf(found);
        }
    };

    private FieldInjector() {}

    /**
     * Fills the fields of {@code target} (or, when it is null, the static fields of {@code type}).
     * Returns how many fields hold the routing logger afterwards.
     */
    static int inject(Object target, Class<?> type) {
        Class<?> cls = target != null ? target.getClass() : type;
        if (cls == null) {
            return 0;
        }
        int injected = 0;
        for (Field field : FIELDS.get(cls)) {
            boolean isStatic = Modifier.isStatic(field.getModifiers());
            if (!isStatic && target == null) {
                continue;
            }
            try {
                Object owner = isStatic ? null : target;
                Object value = field.get(owner);
                if (value == null) {
                    field.set(owner, InvocationLogger.ROUTED);
                    injected++;
                } else if (value == InvocationLogger.ROUTED) {
                    injected++;
                }
            } catch (IllegalAccessException | RuntimeException e) {
                // leave the field as it is: injection is a convenience, AppLog.current() always works
            }
        }
        return injected;
    }
}
