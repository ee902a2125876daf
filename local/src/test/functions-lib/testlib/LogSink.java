package testlib;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * A test function's stand-in for a logger: buffers events and sends them with PutLogEvents to the endpoint
 * in AWS_ENDPOINT_URL_CLOUDWATCH_LOGS (creating the group and stream when missing). Shipped in a layer.
 */
public final class LogSink {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final String group;
    private final String stream;
    private final List<String> buffered = new ArrayList<>();

    public LogSink(String group, String stream) {
        this.group = group;
        this.stream = stream;
    }

    public void log(String message) {
        buffered.add("{\"timestamp\":" + System.currentTimeMillis() + ",\"message\":\"" + escape(message) + "\"}");
        System.out.println("logged: " + message);
    }

    /** Sends every buffered event; returns when they are stored. */
    public void flush() throws Exception {
        if (buffered.isEmpty()) {
            return;
        }
        String body = "{\"logGroupName\":\"" + escape(group) + "\",\"logStreamName\":\"" + escape(stream)
                + "\",\"logEvents\":[" + String.join(",", buffered) + "]}";
        HttpResponse<String> response = call("PutLogEvents", body);
        if (response.statusCode() != 200 && response.body().contains("ResourceNotFoundException")) {
            call("CreateLogGroup", "{\"logGroupName\":\"" + escape(group) + "\"}");
            call("CreateLogStream", "{\"logGroupName\":\"" + escape(group) + "\",\"logStreamName\":\""
                    + escape(stream) + "\"}");
            response = call("PutLogEvents", body);
        }
        if (response.statusCode() != 200 || !response.body().strip().startsWith("{")) {
            throw new IllegalStateException("PutLogEvents failed: " + response.body());
        }
        buffered.clear();
    }

    private static HttpResponse<String> call(String operation, String body) throws Exception {
        String endpoint = System.getenv("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS");
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "Logs_20140328." + operation)
                // moto_server routes by the Authorization header's credential scope; the local endpoint ignores it
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=local/20200101/us-east-1/logs/aws4_request, "
                        + "SignedHeaders=host, Signature=unsigned")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Calls another function through the Invoke API at AWS_ENDPOINT_URL_LAMBDA; returns its answer. */
    public static String invoke(String function, String event) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(System.getenv("AWS_ENDPOINT_URL_LAMBDA")
                        + "/2015-03-31/functions/" + function + "/invocations"))
                .POST(HttpRequest.BodyPublishers.ofString(event)).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        String error = response.headers().firstValue("X-Amz-Function-Error").orElse("");
        return error.isEmpty() ? response.body() : "error:" + response.body();
    }

    public static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
