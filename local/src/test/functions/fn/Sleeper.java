package fn;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import testlib.LogSink;

import java.util.Map;

/** Logs and sends "before", then sleeps "millis" (past its timeout in the tests). */
public class Sleeper implements RequestHandler<Map<String, Object>, String> {
    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        LogSink sink = new LogSink(System.getenv("APP_GROUP"), System.getenv("APP_STREAM"));
        try {
            sink.log("before sleeping " + context.getAwsRequestId());
            sink.flush();
            Thread.sleep(((Number) event.getOrDefault("millis", 10_000)).longValue());
            sink.log("after sleeping " + context.getAwsRequestId());
            sink.flush();
            return "woke up";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
