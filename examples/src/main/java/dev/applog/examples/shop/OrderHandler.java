package dev.applog.examples.shop;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.applog.AppLog;
import dev.applog.AppLogger;
import dev.applog.AppLogging;

/**
 * The shop's entry function: takes an order, has the payment function authorize its total and the
 * inventory function reserve its items, and confirms it when both have agreed. Every function of the
 * shop logs into the same stream of the same group, and the correlation id born here travels in each
 * call, so one stream tells the whole story of an order.
 */
public class OrderHandler implements RequestHandler<Order, OrderReceipt> {

    /** Filled in by @AppLogging before each invocation. */
    private AppLogger log;

    private final ShopFunctions shop;

    public OrderHandler() {
        this(ShopFunctions.fromEnvironment(System.getenv()));
    }

    OrderHandler(ShopFunctions shop) {
        this.shop = shop;
    }

    @Override
    @AppLogging(group = "${APP_LOG_GROUP:-/app/shop}", stream = "shop-{date}", level = "${APP_LOG_LEVEL:-INFO}", format = "#json")
    public OrderReceipt handleRequest(Order order, Context context) {
        String id = order.getOrderId();
        log.info("order " + id + " received from " + order.getCustomer() + ": " + String.join(", ", order.getItems())
                + ", total " + order.getTotal());
        if (order.getItems().isEmpty()) {
            log.warning("order " + id + " rejected: no items");
            return OrderReceipt.rejected(id, "no items");
        }
        // the event's correlation id, else this request's id: the other functions log under it too
        String correlationId = AppLog.correlationId();

        PaymentReply payment = shop.authorizePayment(new PaymentRequest(id, order.getCustomer(), order.getTotal(), correlationId));
        if (!payment.isAuthorized()) {
            log.warning("order " + id + " rejected: payment declined (" + payment.getReason() + ")");
            return OrderReceipt.rejected(id, "payment declined: " + payment.getReason());
        }
        StockReply stock = shop.reserveStock(new StockRequest(id, order.getItems(), correlationId));
        if (!stock.isReserved()) {
            // an authorization that is never captured lapses: nothing to undo
            log.warning("order " + id + " rejected: out of stock: " + String.join(", ", stock.getMissing())
                    + " (authorization " + payment.getAuthorizationId() + " not captured)");
            return OrderReceipt.rejected(id, "out of stock: " + String.join(", ", stock.getMissing()));
        }
        log.info("order " + id + " confirmed: payment " + payment.getAuthorizationId() + ", stock reserved");
        return OrderReceipt.confirmed(id, payment.getAuthorizationId());
    }
}
