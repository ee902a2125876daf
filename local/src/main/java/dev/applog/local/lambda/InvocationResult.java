package dev.applog.local.lambda;

import java.nio.charset.StandardCharsets;

/**
 * What an invocation returned, as the Invoke API reports it.
 *
 * @param requestId     the request id the function saw
 * @param payload       the response, or the error document when {@code functionError} is set
 * @param functionError null on success, else {@code Unhandled} (X-Amz-Function-Error)
 * @param coldStart     true when this invocation started a new JVM
 * @param environment   which execution environment of the function ran it, from 1
 * @param pid           that JVM's process id (frozen after a response, gone after a timeout or a crash)
 */
public record InvocationResult(String requestId, byte[] payload, String functionError, boolean coldStart,
        int environment, long pid) {

    public boolean isError() {
        return functionError != null;
    }

    public String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }
}
