package dev.applog.examples.shop;

import java.util.ArrayList;
import java.util.List;

/** The inventory function's answer: reserved, or the items that are out of stock. */
public class StockReply {

    private boolean reserved;
    private List<String> missing = new ArrayList<>();

    public StockReply() {}

    static StockReply reserved() {
        StockReply reply = new StockReply();
        reply.reserved = true;
        return reply;
    }

    static StockReply outOfStock(List<String> missing) {
        StockReply reply = new StockReply();
        reply.missing = new ArrayList<>(missing);
        return reply;
    }

    public boolean isReserved() { return reserved; }
    public void setReserved(boolean reserved) { this.reserved = reserved; }
    public List<String> getMissing() { return missing; }
    public void setMissing(List<String> missing) { this.missing = missing == null ? new ArrayList<>() : missing; }
}
