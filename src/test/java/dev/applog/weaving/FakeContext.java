package dev.applog.weaving;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;

/** A Lambda context for tests: a request id, a function, and a deadline counted from its creation. */
public final class FakeContext implements Context {

    private final String requestId;
    private final String functionName;
    private final long deadlineNanos;
    private final String traceHeader;
    private String tenantId;

    public FakeContext(String requestId, String functionName, long timeoutMillis) {
        this(requestId, functionName, timeoutMillis, null);
    }

    FakeContext(String requestId, String functionName, long timeoutMillis, String traceHeader) {
        this.requestId = requestId;
        this.functionName = functionName;
        this.deadlineNanos = System.nanoTime() + timeoutMillis * 1_000_000L;
        this.traceHeader = traceHeader;
    }

    @Override public String getAwsRequestId() { return requestId; }
    @Override public String getLogGroupName() { return "/aws/lambda/" + functionName; }
    @Override public String getLogStreamName() { return "2026/01/01/[$LATEST]0123456789abcdef"; }
    @Override public String getFunctionName() { return functionName; }
    @Override public String getFunctionVersion() { return "$LATEST"; }
    @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:123456789012:function:" + functionName; }
    @Override public CognitoIdentity getIdentity() { return null; }
    @Override public ClientContext getClientContext() { return null; }
    @Override public int getRemainingTimeInMillis() {
        return (int) Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000L);
    }
    @Override public int getMemoryLimitInMB() { return 512; }
    @Override public String getXrayTraceId() { return traceHeader; }
    @Override public String getTenantId() { return tenantId; }

    /** This context with a tenant (a tenant-isolated function's invocation). */
    FakeContext tenant(String tenant) {
        this.tenantId = tenant;
        return this;
    }
    @Override public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override public void log(String message) { System.out.print(message); }
            @Override public void log(byte[] message) { System.out.print(new String(message, StandardCharsets.UTF_8)); }
        };
    }
}
