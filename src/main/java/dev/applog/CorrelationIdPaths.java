package dev.applog;

/**
 * JMESPath expressions for {@link AppLogging#correlationIdPath()} that find the correlation id in the events of
 * common sources; the same names and expressions as Powertools for AWS Lambda (Java)'s {@code CorrelationIdPaths}.
 * In an environment variable ({@code APPLOG_CORRELATION_ID_PATH}) the constant's name may stand for it.
 */
public final class CorrelationIdPaths {

    private CorrelationIdPaths() {}

    /** API Gateway REST API: the request id API Gateway gave the request. */
    public static final String API_GATEWAY_REST = "requestContext.requestId";
    /** API Gateway HTTP API (payload 2.0): the request id API Gateway gave the request. */
    public static final String API_GATEWAY_HTTP = "requestContext.requestId";
    /** Application Load Balancer: the trace header the load balancer adds. */
    public static final String APPLICATION_LOAD_BALANCER = "headers.\"x-amzn-trace-id\"";
    /** EventBridge: the event's id. */
    public static final String EVENT_BRIDGE = "id";
    /** AppSync resolver: the trace header of the request. */
    public static final String APPSYNC_RESOLVER = "request.headers.\"x-amzn-trace-id\"";

    /** The expression a constant's name stands for, or {@code null} when {@code name} names none. */
    public static String named(String name) {
        if (name == null) {
            return null;
        }
        switch (name.trim()) {
            case "API_GATEWAY_REST": return API_GATEWAY_REST;
            case "API_GATEWAY_HTTP": return API_GATEWAY_HTTP;
            case "APPLICATION_LOAD_BALANCER": return APPLICATION_LOAD_BALANCER;
            case "EVENT_BRIDGE": return EVENT_BRIDGE;
            case "APPSYNC_RESOLVER": return APPSYNC_RESOLVER;
            default: return null;
        }
    }
}
