package dev.applog.examples.shop;

/** What the order function answers. */
public class OrderReceipt {

    private String orderId;
    private String status;
    private int itemCount;

    public OrderReceipt() {}

    public OrderReceipt(String orderId, String status, int itemCount) {
        this.orderId = orderId;
        this.status = status;
        this.itemCount = itemCount;
    }

    public String getOrderId() { return orderId; }
    public void setOrderId(String orderId) { this.orderId = orderId; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public int getItemCount() { return itemCount; }
    public void setItemCount(int itemCount) { this.itemCount = itemCount; }
}
