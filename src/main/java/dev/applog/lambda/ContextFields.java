package dev.applog.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The fields Lambda's context adds to every event, under the names Powertools for AWS Lambda uses, so that
 * Logs Insights queries written for it work unchanged.
 */
final class ContextFields {

    static final String FUNCTION_NAME = "function_name";
    static final String FUNCTION_VERSION = "function_version";
    static final String REQUEST_ID = "function_request_id";
    static final String COLD_START = "cold_start";
    static final String XRAY_TRACE_ID = "xray_trace_id";
    static final String CORRELATION_ID = "correlation_id";

    /** The system property the Java runtime sets to the invocation's X-Ray trace header. */
    static final String TRACE_PROPERTY = "com.amazonaws.xray.traceHeader";
    static final String TRACE_VARIABLE = "_X_AMZN_TRACE_ID";

    /** The correlation id header looked for in an event's headers (any case). */
    static final String CORRELATION_HEADER = "x-correlation-id";

    private ContextFields() {}

    static String functionName(Context context, Function<String, String> environment) {
        String name = context == null ? null : context.getFunctionName();
        return blank(name) ? environment.apply("AWS_LAMBDA_FUNCTION_NAME") : name;
    }

    static Map<String, Object> of(Context context, Object event, boolean coldStart, Function<String, String> environment) {
        Map<String, Object> fields = new LinkedHashMap<>();
        put(fields, FUNCTION_NAME, functionName(context, environment));
        String version = context == null ? null : context.getFunctionVersion();
        put(fields, FUNCTION_VERSION, blank(version) ? environment.apply("AWS_LAMBDA_FUNCTION_VERSION") : version);
        String requestId = context == null ? null : context.getAwsRequestId();
        put(fields, REQUEST_ID, requestId);
        fields.put(COLD_START, coldStart);
        put(fields, XRAY_TRACE_ID, traceId(context, environment));
        String correlation = correlationId(event);
        put(fields, CORRELATION_ID, blank(correlation) ? requestId : correlation);
        return fields;
    }

    /** The trace id ({@code Root=...} of the trace header): the context's, the runtime's property, the environment's. */
    static String traceId(Context context, Function<String, String> environment) {
        String header = null;
        try {
            header = context == null ? null : context.getXrayTraceId();
        } catch (RuntimeException | AbstractMethodError e) {
            // an older Context implementation without the method
        }
        if (blank(header)) {
            header = System.getProperty(TRACE_PROPERTY);
        }
        if (blank(header)) {
            header = environment.apply(TRACE_VARIABLE);
        }
        if (blank(header)) {
            return null;
        }
        for (String part : header.split(";")) {
            String trimmed = part.trim();
            if (trimmed.startsWith("Root=")) {
                return trimmed.substring(5);
            }
        }
        return header.contains("=") ? null : header.trim();
    }

    /**
     * The correlation id an event carries, or {@code null}: a top-level {@code correlation_id} or
     * {@code correlationId} (a map's key, or a POJO's / record's accessor), else the header
     * {@code x-correlation-id} (any case) in the event's {@code headers} (API Gateway and ALB events).
     */
    static String correlationId(Object event) {
        try {
            if (event == null || event instanceof java.io.InputStream || event instanceof CharSequence) {
                return null;
            }
            if (event instanceof Map) {
                Map<?, ?> map = (Map<?, ?>) event;
                String direct = text(map.get("correlation_id"), map.get("correlationId"));
                return direct != null ? direct : header(map.get("headers"));
            }
            String direct = text(call(event, "getCorrelationId"), call(event, "correlationId"));
            if (direct != null) {
                return direct;
            }
            Object headers = call(event, "getHeaders");
            return header(headers != null ? headers : call(event, "headers"));
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    private static String header(Object headers) {
        if (headers instanceof Map) {
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) headers).entrySet()) {
                if (entry.getKey() != null && CORRELATION_HEADER.equalsIgnoreCase(entry.getKey().toString())) {
                    return text(entry.getValue(), null);
                }
            }
        }
        return null;
    }

    private static Object call(Object target, String name) {
        try {
            Method method = target.getClass().getMethod(name);
            if (method.getParameterCount() != 0) {
                return null;
            }
            return method.invoke(target);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static String text(Object first, Object second) {
        Object value = first != null ? first : second;
        if (value instanceof Iterable) {
            java.util.Iterator<?> it = ((Iterable<?>) value).iterator();
            value = it.hasNext() ? it.next() : null;
        }
        return value == null || value.toString().isBlank() ? null : value.toString();
    }

    private static void put(Map<String, Object> fields, String key, String value) {
        if (!blank(value)) {
            fields.put(key, value);
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
