package dev.applog.examples.shop;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.applog.AppLogger;
import dev.applog.AppLogging;

/**
 * The shop's entry function: takes an order, checks it, and accepts or rejects it. Every function of the
 * shop logs into the same stream of the same group, so one stream tells the whole story of an order.
 */
public class OrderHandler implements RequestHandler<Order, OrderReceipt> {

    /** Filled in by @AppLogging before each invocation. */
    private AppLogger log;

    @Override
    @AppLogging(group = "${APP_LOG_GROUP:-/app/shop}", stream = "shop-{date}", level = "INFO", format = "#json")
    public OrderReceipt handleRequest(Order order, Context context) {
        int count = order.getItems().size();
        log.info("order " + order.getOrderId() + " from " + order.getCustomer() + " with " + count + " items");
        if (count == 0) {
            log.warning("order " + order.getOrderId() + " rejected: no items");
            return new OrderReceipt(order.getOrderId(), "REJECTED", 0);
        }
        log.debug(() -> "items: " + String.join(", ", order.getItems()));
        log.info("order " + order.getOrderId() + " accepted");
        return new OrderReceipt(order.getOrderId(), "ACCEPTED", count);
    }
}
