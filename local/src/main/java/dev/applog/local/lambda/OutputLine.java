package dev.applog.local.lambda;

/**
 * One line a function JVM wrote, or one the local Lambda wrote about it (Lambda's {@code REPORT} line).
 *
 * @param function    the function name
 * @param environment which execution environment (JVM) of that function, from 1
 * @param stderr      true for standard error, false for standard output
 * @param text        the line, without its line end
 * @param platform    true for a line of the local Lambda's own (as Lambda writes START, END and REPORT into
 *                    the function's log stream), not of the function
 */
public record OutputLine(String function, int environment, boolean stderr, String text, boolean platform) {

    /** A line the function's JVM wrote. */
    public OutputLine(String function, int environment, boolean stderr, String text) {
        this(function, environment, stderr, text, false);
    }

    /** e.g. {@code [OrderFunction#1 stdout] text}, {@code [OrderFunction#1 lambda] REPORT RequestId: ...}. */
    public String labelled() {
        return "[" + function + "#" + environment + (platform ? " lambda] " : stderr ? " stderr] " : " stdout] ") + text;
    }
}
