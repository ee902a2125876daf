package dev.applog.examples.shop;

import java.util.ArrayList;
import java.util.List;

/** What the order function asks the inventory function: reserve these items. Carries the correlation id. */
public class StockRequest {

    private String orderId;
    private List<String> items = new ArrayList<>();
    private String correlationId;

    public StockRequest() {}

    public StockRequest(String orderId, List<String> items, String correlationId) {
        this.orderId = orderId;
        this.items = new ArrayList<>(items);
        this.correlationId = correlationId;
    }

    public String getOrderId() { return orderId; }
    public void setOrderId(String orderId) { this.orderId = orderId; }
    public List<String> getItems() { return items; }
    public void setItems(List<String> items) { this.items = items == null ? new ArrayList<>() : items; }
    public String getCorrelationId() { return correlationId; }
    public void setCorrelationId(String correlationId) { this.correlationId = correlationId; }
}
