package fn;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import testlib.LogSink;

import java.util.Map;

/**
 * Logs "count" events into APP_GROUP / APP_STREAM, each with the event's correlation id, sends them before
 * answering (as a logger's purge does), and, when the event names "call", invokes that function first with
 * the same correlation id.
 */
public class Logging implements RequestHandler<Map<String, Object>, String> {
    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        String correlation = String.valueOf(event.get("correlationId"));
        int count = ((Number) event.getOrDefault("count", 1)).intValue();
        LogSink sink = new LogSink(System.getenv("APP_GROUP"), System.getenv("APP_STREAM"));
        try {
            for (int i = 1; i <= count; i++) {
                sink.log(context.getFunctionName() + " " + correlation + " event " + i + "/" + count);
            }
            String called = "";
            if (event.get("call") != null) {
                sink.flush();
                called = LogSink.invoke(String.valueOf(event.get("call")),
                        "{\"correlationId\":\"" + correlation + "\",\"count\":" + count + "}");
                sink.log(context.getFunctionName() + " " + correlation + " called " + event.get("call"));
            }
            sink.flush();
            return context.getFunctionName() + " logged " + count + (called.isEmpty() ? "" : "; " + called);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
