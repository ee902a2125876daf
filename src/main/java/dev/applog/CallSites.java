package dev.applog;

import java.util.Arrays;

/**
 * The method making the log call now running on this thread, as the woven aspect knows it from the call site:
 * what a format's {@code {caller}} shows, without walking the stack. Each woven call to a logging method of an
 * {@link AppLogger} enters its site's name and leaves it when the call returns, so a message supplier
 * that logs in turn names itself and then the outer call again. Code that is not woven logs with no name entered
 * here, and the logger walks the stack instead. Kept here, below the aspect ({@code dev.applog.lambda}), so that the
 * logger reads it without reaching up. Public for the aspect only.
 */
public final class CallSites {

    /** The names entered on one thread, innermost last. */
    private static final class Names {
        String[] names = new String[8];
        int depth;
    }

    private static final ThreadLocal<Names> NAMES = ThreadLocal.withInitial(Names::new);

    private CallSites() {}

    /** The innermost woven call site's method on this thread, or null when the running log call is not woven. */
    public static String current() {
        Names names = NAMES.get();
        return names.depth == 0 ? null : names.names[names.depth - 1];
    }

    /** Enters the name of the method making a log call, as a stack frame of it names it. */
    public static void enter(String method) {
        Names names = NAMES.get();
        if (names.depth == names.names.length) {
            names.names = Arrays.copyOf(names.names, names.depth * 2);
        }
        names.names[names.depth++] = method;
    }

    /** Leaves the name entered last on this thread. */
    public static void leave() {
        Names names = NAMES.get();
        if (names.depth > 0) {
            names.names[--names.depth] = null;
        }
    }
}
