package dev.applog.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads a log stream (GetLogEvents) or a whole group (FilterLogEvents) from a CloudWatch Logs endpoint and
 * prints one line per event, in timestamp order, for a person: the UTC time, then the message; a JSON event
 * (the {@code #json} format) is shown compactly as level, function, correlation id and message. Talks the
 * service's JSON protocol directly, so the local tools need no AWS SDK.
 */
final class LogTail {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The correlation id column: as wide as a UUID, the usual request id, so that the columns stay aligned. */
    static final int CORRELATION_WIDTH = 36;

    private final URI endpoint;
    private final Consumer<String> printedMessages;
    private final HttpClient http;

    LogTail(URI endpoint) {
        this(endpoint, message -> { });
    }

    /** Also hands every printed event's message to {@code printedMessages} (the demo's summary). */
    LogTail(URI endpoint, Consumer<String> printedMessages) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        dev.applog.local.logs.LocalCertificate local = dev.applog.local.logs.LocalCertificate.ifMade();
        if (local != null && "https".equals(endpoint.getScheme()) && ("127.0.0.1".equals(endpoint.getHost())
                || "localhost".equals(endpoint.getHost()))) {
            builder.sslContext(local.clientContext());  // this run's HTTPS local endpoint
        }
        this.http = builder.build();
        this.endpoint = endpoint;
        this.printedMessages = printedMessages;
    }

    /**
     * Per correlation id (of {@code #json} events), how many events each function logged, in order of first
     * appearance: {@code order-1  5 events: OrderFunction 3, PaymentFunction 2}. Empty when no event has one.
     */
    static List<String> correlationSummary(List<String> messages) {
        Map<String, Map<String, Integer>> byCorrelation = new LinkedHashMap<>();
        for (String message : messages) {
            String trimmed = message.strip();
            if (!trimmed.startsWith("{")) {
                continue;
            }
            try {
                JsonNode event = JSON.readTree(trimmed);
                String correlation = event.path("correlation_id").asText("");
                if (!correlation.isEmpty()) {
                    byCorrelation.computeIfAbsent(correlation, c -> new LinkedHashMap<>())
                            .merge(event.path("function_name").asText("-"), 1, Integer::sum);
                }
            } catch (IOException e) {
                // not JSON: no correlation id to count
            }
        }
        List<String> lines = new ArrayList<>();
        // as wide as the longest id, so that the counts line up whatever the ids' lengths
        int width = byCorrelation.keySet().stream().mapToInt(String::length).max().orElse(1);
        for (Map.Entry<String, Map<String, Integer>> request : byCorrelation.entrySet()) {
            int total = request.getValue().values().stream().mapToInt(Integer::intValue).sum();
            StringBuilder line = new StringBuilder(String.format("  %-" + width + "s %3d events: ", request.getKey(),
                    total));
            String separator = "";
            for (Map.Entry<String, Integer> function : request.getValue().entrySet()) {
                line.append(separator).append(function.getKey()).append(' ').append(function.getValue());
                separator = ", ";
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /** Prints what is there; with {@code follow}, keeps polling every second until interrupted. Returns the count. */
    int print(String group, String stream, boolean follow, PrintStream out) throws IOException, InterruptedException {
        return stream != null ? printStream(group, stream, follow, out) : printGroup(group, follow, out);
    }

    private int printStream(String group, String stream, boolean follow, PrintStream out)
            throws IOException, InterruptedException {
        String token = null;
        int printed = 0;
        while (true) {
            ObjectNode request = JSON.createObjectNode().put("logGroupName", group).put("logStreamName", stream)
                    .put("startFromHead", true);
            if (token != null) {
                request.put("nextToken", token);
            }
            JsonNode page = call("GetLogEvents", request);
            for (JsonNode event : page.path("events")) {
                out.println(format(event.path("timestamp").asLong(), event.path("message").asText(), null));
                printedMessages.accept(event.path("message").asText());
                printed++;
            }
            String next = page.path("nextForwardToken").asText(null);
            boolean atEnd = next == null || next.equals(token);
            token = next;
            if (atEnd) {
                out.flush();
                if (!follow) {
                    return printed;
                }
                Thread.sleep(1000);
            }
        }
    }

    private int printGroup(String group, boolean follow, PrintStream out) throws IOException, InterruptedException {
        long startTime = 0;
        Set<String> seenAtStart = new HashSet<>();
        int printed = 0;
        while (true) {
            String token = null;
            long newest = startTime;
            Set<String> seenAtNewest = new HashSet<>(seenAtStart);
            do {
                ObjectNode request = JSON.createObjectNode().put("logGroupName", group).put("startTime", startTime);
                if (token != null) {
                    request.put("nextToken", token);
                }
                JsonNode page = call("FilterLogEvents", request);
                for (JsonNode event : page.path("events")) {
                    long timestamp = event.path("timestamp").asLong();
                    String id = event.path("eventId").asText();
                    if (timestamp == startTime && seenAtStart.contains(id)) {
                        continue;
                    }
                    out.println(format(timestamp, event.path("message").asText(), event.path("logStreamName").asText()));
                    printedMessages.accept(event.path("message").asText());
                    printed++;
                    if (timestamp > newest) {
                        newest = timestamp;
                        seenAtNewest.clear();
                    }
                    seenAtNewest.add(id);
                }
                token = page.path("nextToken").asText(null);
            } while (token != null);
            out.flush();
            if (!follow) {
                return printed;
            }
            startTime = newest;
            seenAtStart = seenAtNewest;
            Thread.sleep(1000);
        }
    }

    /** Prints every group's events (each group in timestamp order); returns the count. */
    int printAllGroups(PrintStream out) throws IOException, InterruptedException {
        int printed = 0;
        String token = null;
        do {
            ObjectNode request = JSON.createObjectNode();
            if (token != null) {
                request.put("nextToken", token);
            }
            JsonNode page = call("DescribeLogGroups", request);
            for (JsonNode group : page.path("logGroups")) {
                String name = group.path("logGroupName").asText();
                out.println("== log group " + Printable.field(name) + " ==");
                printed += printGroup(name, false, out);
            }
            token = page.path("nextToken").asText(null);
        } while (token != null);
        return printed;
    }

    /**
     * One line: time, then the message (a JSON event compactly), with the stream when reading a group. Every
     * field goes through {@link Printable}: an event cannot move the cursor, recolour the terminal, or print a
     * line that looks like another event (a line break in a message continues on an indented line).
     */
    static String format(long timestamp, String message, String stream) {
        StringBuilder line = new StringBuilder(TIME.format(Instant.ofEpochMilli(timestamp)));
        if (stream != null && !stream.isEmpty()) {
            line.append(" [").append(Printable.field(stream)).append(']');
        }
        line.append(' ');
        String trimmed = message.strip();
        if (trimmed.startsWith("{") && trimmed.endsWith("}")) {
            try {
                JsonNode event = JSON.readTree(trimmed);
                if (event.isObject() && event.has("message")) {
                    line.append(String.format("%-8s %-22s %-" + CORRELATION_WIDTH + "s ", Printable.field(event.path("level").asText("-")),
                            Printable.field(event.path("function_name").asText("-")),
                            Printable.field(event.path("correlation_id").asText("-"))));
                    JsonNode text = event.get("message");
                    line.append(Printable.text(text.isTextual() ? text.asText() : text.toString()));
                    JsonNode error = event.get("error");
                    if (error != null && error.isObject()) {
                        line.append(" | ").append(Printable.field(error.path("name").asText())).append(": ")
                                .append(Printable.text(error.path("message").asText()));
                    }
                    return line.toString();
                }
            } catch (IOException e) {
                // not JSON after all: printed as written
            }
        }
        return line.append(Printable.text(message)).toString();
    }

    private JsonNode call(String operation, ObjectNode body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "Logs_20140328." + operation)
                // unsigned: the local endpoint checks no signature, but moto_server routes a request to a
                // service by the credential scope of its Authorization header (a real endpoint refuses this one)
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=local/20200101/us-east-1/logs/aws4_request, "
                        + "SignedHeaders=host;x-amz-target, Signature=unsigned")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.net.ConnectException e) {
            // the JDK's message is often null here: say what could not be reached and what usually serves it
            throw new IOException("cannot reach the CloudWatch Logs endpoint " + endpoint + " (" + operation
                    + "): connection refused. Is bin/applog-local serve or start running there? "
                    + "(--endpoint URL names another endpoint)", e);
        } catch (java.net.http.HttpTimeoutException e) {
            throw new IOException("the CloudWatch Logs endpoint " + endpoint + " did not answer " + operation
                    + " within 30 s", e);
        } catch (IOException e) {
            throw new IOException("cannot reach the CloudWatch Logs endpoint " + endpoint + " (" + operation + "): "
                    + Main.describe(e), e);
        }
        String text = response.body();
        JsonNode answer;
        try {
            answer = JSON.readTree(text.isEmpty() ? "{}" : text);
        } catch (IOException e) {
            throw new IOException(endpoint + " answered " + operation + " with HTTP " + response.statusCode()
                    + " and a body that is not JSON (" + excerpt(text) + "): is it a CloudWatch Logs endpoint?");
        }
        if (response.statusCode() != 200) {
            String type = answer.path("__type").asText("");
            // the JSON protocol's type may carry a namespace: "com.amazonaws.logs#ResourceNotFoundException"
            type = type.substring(type.indexOf('#') + 1);
            String message = answer.path("message").asText(answer.path("Message").asText(""));
            throw new IOException("the CloudWatch Logs endpoint " + endpoint + " refused " + operation + " for "
                    + describeRequest(body) + ": HTTP " + response.statusCode()
                    + (type.isEmpty() ? "" : " " + type) + (message.isEmpty() ? " (" + excerpt(text) + ")" : ": "
                    + message));
        }
        if (!answer.isObject()) {
            throw new IOException(endpoint + " answered " + operation + " with " + excerpt(text)
                    + ", not a JSON object: is it a CloudWatch Logs endpoint?");
        }
        return answer;
    }

    private static String describeRequest(ObjectNode body) {
        if (body.has("logStreamName")) {
            return "log group " + body.path("logGroupName").asText() + ", stream " + body.path("logStreamName").asText();
        }
        return body.has("logGroupName") ? "log group " + body.path("logGroupName").asText() : "the log groups";
    }

    private static String excerpt(String text) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        return oneLine.isEmpty() ? "an empty body" : oneLine.length() > 120 ? oneLine.substring(0, 120) + "..." : oneLine;
    }
}
