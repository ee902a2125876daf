package dev.applog.local.lambda;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * What an invocation returned, as the Invoke API reports it.
 *
 * @param requestId     the request id the function saw
 * @param payload       the response, or the error document when {@code functionError} is set
 * @param functionError null on success, else {@code Unhandled} (X-Amz-Function-Error)
 * @param coldStart     true when this invocation started a new JVM
 * @param environment   which execution environment of the function ran it, from 1
 * @param pid           that JVM's process id (frozen after a response, gone after a timeout or a crash)
 * @param initDuration  on a cold start, from starting the JVM to the runtime taking this invocation (the JVM's
 *                      start, the runtime client's and the handler's initialization: Lambda's "Init Duration");
 *                      null when warm, or when the runtime never took it (an init error, a crash, the init limit)
 * @param duration      from the runtime taking the invocation to its posting the response or the error
 *                      (Lambda's "Duration"); null when it posted neither (a timeout, a crash). On a cold
 *                      start, {@code initDuration + duration} is the time from starting the JVM to the answer.
 * @param peakRssKb     the function JVM's peak resident set size in KiB when it answered (VmHWM in
 *                      /proc/PID/status), the source of Lambda's "Max Memory Used"; 0 where /proc cannot tell
 *                      (a crash, not Linux)
 * @param restoreDuration SnapStart: from thawing the snapshot to the runtime taking this invocation (its
 *                      {@code afterRestore} hooks included: Lambda's "Restore Duration"); null otherwise
 * @param respondedAtNanos {@link System#nanoTime()} of the local Lambda's JVM when the runtime posted the response
 *                      or the error (when Lambda would pass it on to the caller, also while an extension still
 *                      works), 0 when it posted neither; for latency figures (on Linux, nanoTime is the system's
 *                      monotonic clock, the same in every process)
 */
public record InvocationResult(String requestId, byte[] payload, String functionError, boolean coldStart,
        int environment, long pid, Duration initDuration, Duration duration, long peakRssKb,
        Duration restoreDuration, long respondedAtNanos) {

    /** Lambda's "Max Memory Used": the peak RSS in MB (2^20 bytes), rounded up. */
    public long maxMemoryUsedMb() {
        return (peakRssKb + 1023) / 1024;
    }

    public boolean isError() {
        return functionError != null;
    }

    public String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }
}
