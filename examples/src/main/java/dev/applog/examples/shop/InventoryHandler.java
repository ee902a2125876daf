package dev.applog.examples.shop;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.applog.AppLogger;
import dev.applog.AppLogging;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The inventory function: reserves an order's items when every one is in stock. Called by the order
 * function; the request's {@code correlationId} becomes the {@code correlation_id} of its events.
 */
public class InventoryHandler implements RequestHandler<StockRequest, StockReply> {

    /** This sample's warehouse: units on the shelf per item (a teapot is never in stock). */
    static final Map<String, Integer> STOCK = Map.of("book", 12, "lamp", 4, "kettle", 7, "mug", 30, "teapot", 0);

    private AppLogger log;

    @Override
    @AppLogging(group = "${APP_LOG_GROUP:-/app/shop}", stream = "shop-{date}", level = "${APP_LOG_LEVEL:-INFO}", format = "#json")
    public StockReply handleRequest(StockRequest request, Context context) {
        List<String> items = request.getItems();
        List<String> missing = items.stream().distinct()
                .filter(item -> STOCK.getOrDefault(item, 0) < Collections.frequency(items, item))
                .collect(Collectors.toList());
        if (!missing.isEmpty()) {
            log.warning("order " + request.getOrderId() + " cannot be reserved: out of stock: " + String.join(", ", missing));
            return StockReply.outOfStock(missing);
        }
        log.debug(() -> "stock before the reservation: " + STOCK);
        log.info("stock reserved for order " + request.getOrderId() + ": " + String.join(", ", items));
        return StockReply.reserved();
    }
}
