package dev.applog.examples.shop;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.applog.AppLogger;
import dev.applog.AppLogging;
import dev.applog.examples.cards.CardNetwork;
import java.math.BigDecimal;

/**
 * The payment function: authorizes an order's amount, or declines it above the card limit. Called by the
 * order function; the request's {@code correlationId} becomes the {@code correlation_id} of its events.
 * The card network it calls ({@link CardNetwork}) logs through java.util.logging.
 */
public class PaymentHandler implements RequestHandler<PaymentRequest, PaymentReply> {

    /** What this sample's card accepts at most. */
    static final BigDecimal CARD_LIMIT = new BigDecimal("500.00");

    private AppLogger log;

    @Override
    @AppLogging(group = "${APP_LOG_GROUP:-/app/shop}", stream = "shop-{date}", level = "${APP_LOG_LEVEL:-INFO}", format = "#json")
    public PaymentReply handleRequest(PaymentRequest payment, Context context) {
        String what = "payment of " + payment.getAmount() + " for order " + payment.getOrderId();
        if (payment.getAmount() == null || payment.getAmount().signum() <= 0) {
            log.warning(what + " declined: the amount must be positive");
            return PaymentReply.declined("the amount must be positive");
        }
        if (payment.getAmount().compareTo(CARD_LIMIT) > 0) {
            log.warning(what + " declined: over the card limit of " + CARD_LIMIT);
            return PaymentReply.declined("over the card limit of " + CARD_LIMIT);
        }
        // a library that logs through java.util.logging: its line joins this invocation's in the stream
        String authorizationId = CardNetwork.authorize("order " + payment.getOrderId(), payment.getAmount());
        log.info(what + " authorized: " + authorizationId);
        return PaymentReply.authorized(authorizationId);
    }
}
