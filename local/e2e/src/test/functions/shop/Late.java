package shop;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.applog.AppLog;
import dev.applog.lambda.LambdaLogging;
import dev.applog.lambda.LoggingSettings;

import java.util.Map;

/**
 * Uses only {@link LambdaLogging#handle} and registers nothing in the init phase: with after-response delivery
 * asked for, the registration comes too late (in the first invocation) and is refused. Logs "late N".
 */
public class Late implements RequestHandler<Map<String, Object>, String> {
    private static final LoggingSettings SETTINGS = LoggingSettings.builder().group("${APP_GROUP}")
            .stream("${APP_STREAM}").format("#short").build();

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return LambdaLogging.handle(SETTINGS, context, event, () -> {
            AppLog.current().info("late " + event.get("n"));
            return "ok";
        });
    }
}
