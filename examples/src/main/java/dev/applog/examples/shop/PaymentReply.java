package dev.applog.examples.shop;

/** The payment function's answer: authorized (with an authorization id) or declined (with the reason). */
public class PaymentReply {

    private boolean authorized;
    private String authorizationId;
    private String reason;

    public PaymentReply() {}

    static PaymentReply authorized(String authorizationId) {
        PaymentReply reply = new PaymentReply();
        reply.authorized = true;
        reply.authorizationId = authorizationId;
        return reply;
    }

    static PaymentReply declined(String reason) {
        PaymentReply reply = new PaymentReply();
        reply.reason = reason;
        return reply;
    }

    public boolean isAuthorized() { return authorized; }
    public void setAuthorized(boolean authorized) { this.authorized = authorized; }
    public String getAuthorizationId() { return authorizationId; }
    public void setAuthorizationId(String authorizationId) { this.authorizationId = authorizationId; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
}
