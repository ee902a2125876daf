package dev.applog.local.lambda;

/**
 * One line a function JVM wrote.
 *
 * @param function    the function name
 * @param environment which execution environment (JVM) of that function, from 1
 * @param stderr      true for standard error, false for standard output
 * @param text        the line, without its line end
 */
public record OutputLine(String function, int environment, boolean stderr, String text) {

    /** e.g. {@code [OrderFunction#1 stdout] text}. */
    public String labelled() {
        return "[" + function + "#" + environment + (stderr ? " stderr] " : " stdout] ") + text;
    }
}
