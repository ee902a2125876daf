package shop;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.applog.AppLog;
import dev.applog.lambda.LambdaLogging;
import dev.applog.lambda.LoggingSettings;

import java.util.Map;

/**
 * Logs "count" events, prints each on stdout, then (unless "overrun" is false) runs far past its timeout: the deadline watchdog of the
 * library's invocation scope (through the functional twin, no weaving needed) must send them before the
 * local Lambda kills the JVM at the deadline.
 */
public class Overrun implements RequestHandler<Map<String, Object>, String> {
    private static final LoggingSettings SETTINGS = LoggingSettings.builder()
            .group("${APP_GROUP}").stream("${APP_STREAM}").format("#json").build();

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return LambdaLogging.handle(SETTINGS, context, event, () -> {
            int count = ((Number) event.getOrDefault("count", 3)).intValue();
            for (int i = 1; i <= count; i++) {
                String message = "step " + i + " of " + count + " before the deadline";
                AppLog.current().info(message);
                System.out.println("shop logged: " + message);
            }
            if (Boolean.FALSE.equals(event.get("overrun"))) {
                return "done";
            }
            try {
                Thread.sleep(600_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            AppLog.current().info("never logged");
            return "unreachable";
        });
    }
}
