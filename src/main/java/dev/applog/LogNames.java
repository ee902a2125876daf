package dev.applog;

import java.util.regex.Pattern;

/**
 * The service's rules for log group and stream names, checked when a logger is made, so that a bad name
 * is a clear error at once rather than a failed request later.
 */
public final class LogNames {

    /** The placeholders a stream name may hold. */
    public static final String DATE = "{date}";
    public static final String FUNCTION = "{function}";

    private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9_\\-/.#]{1,512}");
    static final String GROUP_RULE = "a log group name is 1 to 512 characters of A-Z a-z 0-9 _ - / . # "
            + "and may not start with 'aws/' (reserved for AWS services)";
    static final String STREAM_RULE = "a log stream name is 1 to 512 characters with no ':' and no '*' "
            + "(it may hold {date}, the UTC day, and {function}, the function name)";

    private LogNames() { }

    /** Returns {@code group} when it is a valid log group name; throws naming the rule otherwise. */
    public static String checkGroup(String group) {
        if (group == null || !GROUP.matcher(group).matches() || group.startsWith("aws/")) {
            throw new AppLogConfigException("log group name", String.valueOf(group), GROUP_RULE + explainGroup(group));
        }
        return group;
    }

    /**
     * Returns {@code stream} when it is a valid stream name template: valid once {@code {date}} (10
     * characters) and {@code {function}} (checked where it is replaced) are filled in.
     */
    public static String checkStream(String stream) {
        if (stream == null || stream.isEmpty()) {
            throw new AppLogConfigException("log stream name", String.valueOf(stream), STREAM_RULE + " (it is empty)");
        }
        int bad = firstForbidden(stream);
        if (bad >= 0) {
            throw new AppLogConfigException("log stream name", stream,
                    STREAM_RULE + " (found '" + stream.charAt(bad) + "' at index " + bad + ")");
        }
        String filled = stream.replace(DATE, "2000-01-01").replace(FUNCTION, "");
        if (filled.length() > 512) {
            throw new AppLogConfigException("log stream name", stream,
                    STREAM_RULE + " (it is " + filled.length() + " characters long)");
        }
        return stream;
    }

    /** A filled-in stream name (after {@code {function}} is replaced) checked against the rule. */
    static String checkResolvedStream(String template, String resolved) {
        if (resolved.isEmpty() || resolved.length() > 512 || firstForbidden(resolved) >= 0) {
            throw new AppLogConfigException("log stream name", template,
                    STREAM_RULE + " (filled in it reads '" + resolved + "')");
        }
        return resolved;
    }

    private static int firstForbidden(String stream) {
        for (int i = 0; i < stream.length(); i++) {
            char c = stream.charAt(i);
            if (c == ':' || c == '*') {
                return i;
            }
        }
        return -1;
    }

    private static String explainGroup(String group) {
        if (group == null || group.isEmpty()) {
            return " (it is empty)";
        }
        if (group.length() > 512) {
            return " (it is " + group.length() + " characters long)";
        }
        if (group.startsWith("aws/")) {
            return " (it starts with 'aws/')";
        }
        for (int i = 0; i < group.length(); i++) {
            if (!GROUP.matcher(String.valueOf(group.charAt(i))).matches()) {
                return " (found '" + group.charAt(i) + "' at index " + i + ")";
            }
        }
        return "";
    }
}
