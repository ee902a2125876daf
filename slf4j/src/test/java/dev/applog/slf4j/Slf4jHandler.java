package dev.applog.slf4j;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.applog.AppLogging;
import java.util.Map;
import java.util.function.BiConsumer;

/** A woven handler that logs only through SLF4J: its body is the test's. */
public class Slf4jHandler implements RequestHandler<Map<String, Object>, String> {

    static final String GROUP = "/test/slf4j";
    static final String STREAM = "slf4j-{date}";

    /** What the next invocation does. */
    static volatile BiConsumer<Map<String, Object>, Context> body = (event, context) -> { };

    @Override
    @AppLogging(group = GROUP, stream = STREAM, level = "INFO", format = "${TEST_FORMAT:-#json}")
    public String handleRequest(Map<String, Object> event, Context context) {
        body.accept(event, context);
        return "done";
    }
}
