package shop;

import com.amazonaws.services.lambda.runtime.Context;
import dev.applog.AppLogger;
import dev.applog.AppLoggers;
import dev.applog.LoggerConfig;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * What the three shop functions share: one logger per JVM on the application's group and stream (from
 * APP_GROUP / APP_STREAM), a per-request logger carrying the correlation id, and a call to another
 * function through the Lambda Invoke API at AWS_ENDPOINT_URL_LAMBDA. Each logged message is also printed
 * on stdout ("shop logged: ...") so a test can count what the functions logged.
 */
final class Shop {
    private static final AppLogger LOG = AppLoggers.create(LoggerConfig.builder()
            .group(System.getenv("APP_GROUP")).stream(System.getenv("APP_STREAM")).format("#json")
            .level(System.getenv("APPLOG_LEVEL")).build());
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Shop() {
    }

    static AppLogger logger(String correlationId, Context context) {
        // function_name comes from AWS_LAMBDA_FUNCTION_NAME
        return LOG.withContext(Map.of("correlation_id", correlationId, "function_request_id",
                context.getAwsRequestId()));
    }

    /** What Payments and Inventory do: log "count" steps with the caller's correlation id, purge, answer. */
    static String steps(String name, Map<String, Object> event, Context context) {
        String correlationId = String.valueOf(event.get("correlationId"));
        int count = ((Number) event.getOrDefault("count", 2)).intValue();
        AppLogger log = logger(correlationId, context);
        try {
            for (int i = 1; i <= count; i++) {
                log(log, name + " step " + i + " of " + count);
            }
            return name + " ok";
        } finally {
            log.purge();
        }
    }

    static void log(AppLogger log, String message) {
        log.info(message);
        System.out.println("shop logged: " + message);
    }

    static String call(String function, String correlationId, int count) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(System.getenv("AWS_ENDPOINT_URL_LAMBDA")
                        + "/2015-03-31/functions/" + function + "/invocations"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"correlationId\":\"" + correlationId + "\",\"count\":"
                        + count + "}")).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.headers().firstValue("X-Amz-Function-Error").isPresent()) {
            throw new IllegalStateException(function + " failed: " + response.body());
        }
        return response.body();
    }
}
