package dev.applog.examples.shop;

/** What the order function answers: CONFIRMED, or REJECTED with the reason. */
public class OrderReceipt {

    private String orderId;
    private String status;
    private String reason;
    private String authorizationId;

    public OrderReceipt() {}

    static OrderReceipt confirmed(String orderId, String authorizationId) {
        OrderReceipt receipt = new OrderReceipt();
        receipt.orderId = orderId;
        receipt.status = "CONFIRMED";
        receipt.authorizationId = authorizationId;
        return receipt;
    }

    static OrderReceipt rejected(String orderId, String reason) {
        OrderReceipt receipt = new OrderReceipt();
        receipt.orderId = orderId;
        receipt.status = "REJECTED";
        receipt.reason = reason;
        return receipt;
    }

    public String getOrderId() { return orderId; }
    public void setOrderId(String orderId) { this.orderId = orderId; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
    public String getAuthorizationId() { return authorizationId; }
    public void setAuthorizationId(String authorizationId) { this.authorizationId = authorizationId; }
}
