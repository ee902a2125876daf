package dev.applog.lambda;

import java.util.function.Function;

/**
 * The two kinds of placeholder a setting may hold.
 *
 * <ul>
 *   <li>{@code ${VAR}} and {@code ${VAR:-default}}: environment variables, expanded when the settings
 *       are resolved. {@code ${VAR}} with {@code VAR} unset or empty is an error (a deployment that forgot
 *       a variable should hear about it, not log somewhere unexpected); {@code ${VAR:-default}} then gives
 *       {@code default}, which may itself be empty. A {@code $} not followed by <code>{</code> is literal.</li>
 *   <li><code>{function}</code> and <code>{date}</code> in the stream name: the function's name and the
 *       UTC day ({@code yyyy-MM-dd}): the function's name is filled in per invocation, the day per event
 *       by the logger, so that a JVM living past midnight moves to the next day's stream.</li>
 * </ul>
 */
final class Placeholders {

    private Placeholders() {}

    /**
     * Expands every {@code ${...}} in {@code value}.
     *
     * @throws IllegalArgumentException with a message naming the rule that {@code value} breaks
     */
    static String expandEnvironment(String value, Function<String, String> environment) {
        if (value == null || value.indexOf("${") < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        int i = 0;
        while (i < value.length()) {
            int start = value.indexOf("${", i);
            if (start < 0) {
                out.append(value, i, value.length());
                break;
            }
            out.append(value, i, start);
            int end = value.indexOf('}', start + 2);
            if (end < 0) {
                throw new IllegalArgumentException("\"${\" at position " + start
                        + " has no closing \"}\": write ${NAME} or ${NAME:-default}");
            }
            String body = value.substring(start + 2, end);
            int dflt = body.indexOf(":-");
            String name = dflt < 0 ? body : body.substring(0, dflt);
            if (!isVariableName(name)) {
                throw new IllegalArgumentException("\"${" + body + "}\" does not name an environment variable:"
                        + " a name is letters, digits and '_', not starting with a digit");
            }
            String found = environment.apply(name);
            if (found == null || found.isEmpty()) {
                if (dflt < 0) {
                    throw new IllegalArgumentException("environment variable " + name + " is not set: set it,"
                            + " or write ${" + name + ":-default} to give a default");
                }
                found = body.substring(dflt + 2);
            }
            out.append(found);
            i = end + 1;
        }
        return out.toString();
    }

    /**
     * Replaces <code>{function}</code> in a stream name. <code>{date}</code> stays: the logger fills it in
     * with each event's UTC day, so a JVM living past midnight moves to the next day's stream.
     */
    static String expandStream(String stream, String functionName) {
        return stream == null ? null : stream.replace("{function}", functionName);
    }

    private static boolean isVariableName(String name) {
        if (name.isEmpty() || Character.isDigit(name.charAt(0))) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }
}
