package dev.applog;

import java.util.regex.Pattern;

/**
 * Keeps an event that was not split from looking like a part of one. A stored event that starts with
 * {@code [applog-part } is always a real part ({@link MessageSplitter}); an event text that starts with it on its
 * own (possibly after backslashes) gets one more backslash in front. Reading back: a text that starts with
 * backslashes and then {@code [applog-part } loses one backslash. So a reader that rejoins parts can never be
 * fooled, and the user's text comes back exactly.
 */
public final class ForgedMarkers {

    /** Backslashes (maybe none), then the start of a part marker. */
    private static final Pattern MARKER_START = Pattern.compile("^\\\\*\\[applog-part ");

    private ForgedMarkers() {
    }

    /** True when {@code text} might need escaping; cheap, for the fast path that formats events later. */
    static boolean mayNeedEscaping(String text) {
        return text.contains("[applog-part ");
    }

    /** The event text as stored: one backslash more in front when it starts like a part marker. */
    public static String escape(String text) {
        return MARKER_START.matcher(text).lookingAt() ? "\\" + text : text;
    }

    /** What {@link #escape} was given, from the stored text of an event that is not a real part. */
    public static String unescape(String stored) {
        return stored.startsWith("\\") && MARKER_START.matcher(stored).lookingAt() ? stored.substring(1) : stored;
    }
}
