package shop;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.applog.AppLog;
import dev.applog.lambda.LambdaLogging;
import dev.applog.lambda.LoggingSettings;

import java.util.Map;

/**
 * The functional twin of {@code @AppLogging}, unwoven: a handler wrapped by {@link LambdaLogging#wrap} in a
 * static field, so made in the init phase. Logs "count" events ("wrapped N i/count").
 */
public class Wrapped implements RequestHandler<Map<String, Object>, String> {
    private static final RequestHandler<Map<String, Object>, String> HANDLER = LambdaLogging.wrap(
            LoggingSettings.builder().group("${APP_GROUP}").stream("${APP_STREAM}").format("#short").build(),
            (event, context) -> {
                int count = ((Number) event.getOrDefault("count", 1)).intValue();
                for (int i = 1; i <= count; i++) {
                    AppLog.current().info("wrapped " + event.get("n") + " " + i + "/" + count);
                }
                return "ok";
            });

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return HANDLER.handleRequest(event, context);
    }
}
