package dev.applog.examples.shop;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.applog.AppLogging;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inventory function: reserves an order's items when every one is in stock. Called by the order
 * function; the request's {@code correlationId} becomes the {@code correlation_id} of its events.
 *
 * <p>It logs only through SLF4J, as code written for Powertools or logback does: nothing of applog but the
 * annotation. The layer's SLF4J provider puts its lines into the application's stream with the others.
 */
public class InventoryHandler implements RequestHandler<StockRequest, StockReply> {

    private static final Logger LOG = LoggerFactory.getLogger(InventoryHandler.class);

    /** This sample's warehouse: units on the shelf per item (a teapot is never in stock). */
    static final Map<String, Integer> STOCK = Map.of("book", 12, "lamp", 4, "kettle", 7, "mug", 30, "teapot", 0);

    @Override
    @AppLogging(group = "${APP_LOG_GROUP:-/app/shop}", stream = "shop-{date}", level = "${APP_LOG_LEVEL:-INFO}", format = "#json")
    public StockReply handleRequest(StockRequest request, Context context) {
        List<String> items = request.getItems();
        List<String> missing = items.stream().distinct()
                .filter(item -> STOCK.getOrDefault(item, 0) < Collections.frequency(items, item))
                .collect(Collectors.toList());
        if (!missing.isEmpty()) {
            LOG.warn("order {} cannot be reserved: out of stock: {}", request.getOrderId(), String.join(", ", missing));
            return StockReply.outOfStock(missing);
        }
        LOG.debug("stock before the reservation: {}", STOCK);
        LOG.info("stock reserved for order {}: {}", request.getOrderId(), String.join(", ", items));
        return StockReply.reserved();
    }
}
