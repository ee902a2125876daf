package dev.applog.examples.shop;

import java.util.ArrayList;
import java.util.List;

/** The event the order function receives: who orders what. A bean, as Lambda's JSON mapping expects. */
public class Order {

    private String orderId;
    private String customer;
    private List<String> items = new ArrayList<>();
    private String correlationId;

    public Order() {}

    public Order(String orderId, String customer, List<String> items) {
        this.orderId = orderId;
        this.customer = customer;
        this.items = new ArrayList<>(items);
    }

    public String getOrderId() { return orderId; }
    public void setOrderId(String orderId) { this.orderId = orderId; }
    public String getCustomer() { return customer; }
    public void setCustomer(String customer) { this.customer = customer; }
    public List<String> getItems() { return items; }
    public void setItems(List<String> items) { this.items = items == null ? new ArrayList<>() : items; }
    /** Optional: the caller's id for this piece of work, carried into every event as {@code correlation_id}. */
    public String getCorrelationId() { return correlationId; }
    public void setCorrelationId(String correlationId) { this.correlationId = correlationId; }
}
