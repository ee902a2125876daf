package shop;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.applog.AppLogger;

import java.util.Map;

/** Logs "count" steps with the caller's correlation id, purges, answers. */
public class Inventory implements RequestHandler<Map<String, Object>, String> {
    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        String correlationId = String.valueOf(event.get("correlationId"));
        int count = ((Number) event.getOrDefault("count", 2)).intValue();
        AppLogger log = Shop.logger(correlationId, context);
        try {
            for (int i = 1; i <= count; i++) {
                Shop.log(log, "Inventory step " + i + " of " + count);
            }
            return "Inventory ok";
        } finally {
            log.purge();
        }
    }
}
