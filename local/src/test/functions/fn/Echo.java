package fn;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Answers with what it saw: the event, its context and its environment. */
public class Echo implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private static int invocations;

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        invocations++;
        System.out.println("echo " + context.getAwsRequestId());
        System.err.println("echo on stderr");
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("event", event);
        answer.put("requestId", context.getAwsRequestId());
        answer.put("functionName", context.getFunctionName());
        answer.put("arn", context.getInvokedFunctionArn());
        answer.put("memory", context.getMemoryLimitInMB());
        answer.put("remaining", context.getRemainingTimeInMillis());
        answer.put("invocationsInThisJvm", invocations);
        answer.put("pid", ProcessHandle.current().pid());
        answer.put("maxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        answer.put("classpath", System.getProperty("java.class.path"));
        answer.put("env", new TreeMap<>(System.getenv()));
        answer.put("tmpdir", System.getProperty("java.io.tmpdir"));
        answer.put("traceHeader", String.valueOf(System.getProperty("com.amazonaws.xray.traceHeader")));
        answer.put("clientContext", String.valueOf(context.getClientContext()));
        answer.put("identity", String.valueOf(context.getIdentity()));
        if (event.get("sleepMillis") instanceof Number millis) {
            try {
                Thread.sleep(millis.longValue());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return answer;
    }
}
