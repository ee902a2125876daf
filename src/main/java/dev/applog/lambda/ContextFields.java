package dev.applog.lambda;

import dev.applog.delivery.Environment;
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
    /** How Lambda initialized the environment: on-demand, provisioned-concurrency, snap-start (its variable's value). */
    static final String INIT_TYPE = "init_type";
    static final String INIT_TYPE_VARIABLE = "AWS_LAMBDA_INITIALIZATION_TYPE";
    static final String XRAY_TRACE_ID = "xray_trace_id";
    static final String CORRELATION_ID = "correlation_id";
    static final String FUNCTION_ARN = "function_arn";
    static final String FUNCTION_MEMORY_SIZE = "function_memory_size";
    static final String TENANT_ID = "tenant_id";
    static final String SAMPLING_RATE = "sampling_rate";
    /** Whether this invocation was sampled at DEBUG: Powertools writes the rate only, which does not tell. */
    static final String SAMPLED = "sampled";

    /** The system property the Java runtime sets to the invocation's X-Ray trace header. */
    static final String TRACE_PROPERTY = "com.amazonaws.xray.traceHeader";
    static final String TRACE_VARIABLE = "_X_AMZN_TRACE_ID";

    /** The correlation id header looked for in an event's headers (any case). */
    static final String CORRELATION_HEADER = "x-correlation-id";

    private ContextFields() {}

    /** The function's name by the one rule ({@link Environment#functionName}), from the context; null when unknown. */
    static String functionName(Context context, Function<String, String> environment) {
        return Environment.functionName(null, context == null ? null : context.getFunctionName(), environment);
    }

    static Map<String, Object> of(Context context, Object event, boolean coldStart, Function<String, String> environment) {
        return of(context, event, coldStart, environment, null, 0, false);
    }

    /**
     * @param fromPath the correlation id {@code correlationIdPath} found, or null: then the default lookup
     * @param samplingRate the configured rate; {@code sampling_rate} and {@code sampled} are written when above 0
     */
    static Map<String, Object> of(Context context, Object event, boolean coldStart, Function<String, String> environment,
                                  String fromPath, double samplingRate, boolean sampled) {
        Map<String, Object> fields = new LinkedHashMap<>();
        put(fields, FUNCTION_NAME, functionName(context, environment));
        String version = context == null ? null : context.getFunctionVersion();
        put(fields, FUNCTION_VERSION, blank(version) ? environment.apply("AWS_LAMBDA_FUNCTION_VERSION") : version);
        put(fields, FUNCTION_ARN, context == null ? null : context.getInvokedFunctionArn());
        int memory = context == null ? 0 : context.getMemoryLimitInMB();
        if (memory > 0) {
            fields.put(FUNCTION_MEMORY_SIZE, memory);
        } else {
            String fromEnv = environment.apply("AWS_LAMBDA_FUNCTION_MEMORY_SIZE");
            if (!blank(fromEnv) && fromEnv.trim().chars().allMatch(Character::isDigit)) {
                fields.put(FUNCTION_MEMORY_SIZE, Integer.parseInt(fromEnv.trim()));
            }
        }
        String requestId = context == null ? null : context.getAwsRequestId();
        put(fields, REQUEST_ID, requestId);
        fields.put(COLD_START, coldStart);
        put(fields, INIT_TYPE, initType(environment));
        put(fields, XRAY_TRACE_ID, traceId(context, environment));
        String correlation = blank(fromPath) ? correlationId(event) : fromPath;
        put(fields, CORRELATION_ID, blank(correlation) ? requestId : correlation);
        put(fields, TENANT_ID, tenantId(context));
        if (samplingRate > 0) {
            fields.put(SAMPLING_RATE, samplingRate);
            fields.put(SAMPLED, sampled);
        }
        return fields;
    }

    /** The environment's init type, or null outside Lambda. */
    static String initType(Function<String, String> environment) {
        String type = environment.apply(INIT_TYPE_VARIABLE);
        return blank(type) ? null : type.trim();
    }

    /** True when the init phase runs on the first invocation's path: on-demand, or no init type (outside Lambda). */
    static boolean onDemand(Function<String, String> environment) {
        String type = initType(environment);
        return type == null || "on-demand".equals(type);
    }

    /** The tenant of a tenant-isolated function, or null (none, or a Context of a version without the method). */
    static String tenantId(Context context) {
        try {
            String tenant = context == null ? null : context.getTenantId();
            return blank(tenant) ? null : tenant;
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
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
            if (event instanceof StreamEvent) {
                com.fasterxml.jackson.databind.JsonNode tree = ((StreamEvent) event).tree();
                event = tree != null && tree.isObject() ? CorrelationPath.MAPPER.convertValue(tree, Map.class) : null;
            }
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
