package dev.applog.lambda;

import dev.applog.Level;

/**
 * What an invocation does besides logging the handler's events, resolved from {@link LoggingSettings} and the
 * environment (see {@link SettingsResolver#options}).
 *
 * @param logEvent log the incoming event at INFO when the invocation starts
 * @param logResponse log what the handler returns (for a stream handler, what it wrote) at INFO
 * @param logError log an exception escaping the handler at ERROR, with its stack trace
 * @param correlationIdPath the JMESPath expression whose value in the event is the correlation id, or null
 * @param samplingRate the share of invocations (0 to 1) logged at DEBUG whatever the threshold
 * @param bufferAtVerbosity events at this level and below are held, or null when nothing is held
 * @param bufferMaxBytes the most bytes held per invocation
 * @param flushOnErrorLog an ERROR (or CRITICAL) event stores what is held first
 * @param clearState keys appended with {@code AppLog.appendKey} end with the invocation
 */
record InvocationOptions(boolean logEvent, boolean logResponse, boolean logError, CorrelationPath correlationIdPath,
                         double samplingRate, Level bufferAtVerbosity, long bufferMaxBytes, boolean flushOnErrorLog,
                         boolean clearState) {

    /** Nothing besides the handler's events; escaping errors logged; keys cleared. */
    static final InvocationOptions DEFAULT = new InvocationOptions(false, false, true, null, 0, null,
            LoggingSettings.DEFAULT_BUFFER_MAX_BYTES, true, true);
}
