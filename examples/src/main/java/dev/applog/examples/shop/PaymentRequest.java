package dev.applog.examples.shop;

import java.math.BigDecimal;

/** What the order function asks the payment function: authorize this amount. Carries the correlation id. */
public class PaymentRequest {

    private String orderId;
    private String customer;
    private BigDecimal amount;
    private String correlationId;

    public PaymentRequest() {}

    public PaymentRequest(String orderId, String customer, BigDecimal amount, String correlationId) {
        this.orderId = orderId;
        this.customer = customer;
        this.amount = amount;
        this.correlationId = correlationId;
    }

    public String getOrderId() { return orderId; }
    public void setOrderId(String orderId) { this.orderId = orderId; }
    public String getCustomer() { return customer; }
    public void setCustomer(String customer) { this.customer = customer; }
    public BigDecimal getAmount() { return amount; }
    public void setAmount(BigDecimal amount) { this.amount = amount; }
    public String getCorrelationId() { return correlationId; }
    public void setCorrelationId(String correlationId) { this.correlationId = correlationId; }
}
