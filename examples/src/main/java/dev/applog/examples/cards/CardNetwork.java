package dev.applog.examples.cards;

import java.math.BigDecimal;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Stands for a third-party library the payment function calls: it knows nothing of applog and logs through
 * java.util.logging, as many libraries do. Its lines reach the application's stream through the library's
 * java.util.logging handler, in the payment's invocation.
 */
public final class CardNetwork {

    private static final Logger LOG = Logger.getLogger(CardNetwork.class.getName());

    private CardNetwork() {}

    /** Authorizes {@code amount}; returns the authorization's id. */
    public static String authorize(String reference, BigDecimal amount) {
        String authorization = "auth-" + UUID.randomUUID().toString().substring(0, 8);
        LOG.log(Level.INFO, "card network: {0} approved for {1}", new Object[] {amount.toPlainString(), reference});
        return authorization;
    }
}
