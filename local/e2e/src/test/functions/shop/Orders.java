package shop;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.applog.AppLogger;

import java.util.Map;

/** The entry function: logs, calls Payments and Inventory with its correlation id, logs, purges, answers. */
public class Orders implements RequestHandler<Map<String, Object>, String> {
    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        String correlationId = String.valueOf(event.get("correlationId"));
        int count = ((Number) event.getOrDefault("count", 2)).intValue();
        AppLogger log = Shop.logger(correlationId, context);
        try {
            Shop.log(log, "order received: " + event.get("item"));
            String payment = Shop.call(System.getenv("PAYMENT_FUNCTION"), correlationId, count);
            Shop.log(log, "payment answered " + payment);
            String stock = Shop.call(System.getenv("INVENTORY_FUNCTION"), correlationId, count);
            Shop.log(log, "inventory answered " + stock);
            return "order " + correlationId + " done";
        } catch (Exception e) {
            log.exception("order failed", e);
            throw new IllegalStateException(e);
        } finally {
            log.purge();
        }
    }
}
