package dev.applog;

/**
 * A message format written as code: returns the text put before each message. Used with
 * {@link LogFormat#of(PrefixFunction)}.
 */
@FunctionalInterface
public interface PrefixFunction {

    /**
     * @param level        the event's level
     * @param functionName the function name ({@code ""} when unknown)
     * @param caller       the calling method's name ({@code ""} unless {@link LogFormat#of(PrefixFunction, boolean)}
     *                     asked for it, since finding it costs a stack walk)
     * @param message      the message, for prefixes that depend on it
     * @return the prefix; {@code null} means none
     */
    String prefix(Level level, String functionName, String caller, String message);
}
