package fn;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import testlib.LogSink;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A function with an internal extension, as a library would start one: registered in the class's static
 * initializer (the init phase), a thread of the same JVM. For each INVOKE event it waits until the handler has
 * returned for that request, then does what the event asked (once the file "releaseFile" exists, if named, and, with
 * "untilClosed": true, once the local Lambda is being closed: "after": "log" stores a line, "exit" reports exit/error)
 * and asks for its next event. The handler answers at once with what it knows.
 */
public class Extended implements RequestHandler<Map<String, Object>, String> {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String API = "http://" + System.getenv("AWS_LAMBDA_RUNTIME_API") + "/2020-01-01/extension/";
    private static final Map<String, CompletableFuture<Map<String, Object>>> RETURNED = new ConcurrentHashMap<>();
    private static final int SHUTDOWN_STATUS;
    private static final String REGISTERED;

    static {
        try {
            SHUTDOWN_STATUS = register("wants-shutdown", "[\"INVOKE\",\"SHUTDOWN\"]").statusCode();
            HttpResponse<String> registered = register("after-response", "[\"INVOKE\"]");
            REGISTERED = registered.body();
            String id = registered.headers().firstValue("Lambda-Extension-Identifier").orElseThrow();
            Thread extension = new Thread(() -> loop(id), "after-response-extension");
            extension.setDaemon(true);
            extension.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> register(String name, String events) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(API + "register")).header("Lambda-Extension-Name", name)
                .POST(HttpRequest.BodyPublishers.ofString("{\"events\":" + events + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void loop(String id) {
        Pattern requestId = Pattern.compile("\"requestId\":\"([^\"]+)\"");
        Pattern deadline = Pattern.compile("\"deadlineMs\":(\\d+)");
        try {
            while (true) {
                HttpResponse<String> next = HTTP.send(HttpRequest.newBuilder(URI.create(API + "event/next"))
                        .header("Lambda-Extension-Identifier", id).GET().build(), HttpResponse.BodyHandlers.ofString());
                Matcher request = requestId.matcher(next.body());
                Matcher until = deadline.matcher(next.body());
                if (!request.find() || !until.find()) {
                    System.out.println("extension: unexpected event " + next.statusCode() + " " + next.body());
                    return;
                }
                Map<String, Object> event = RETURNED.computeIfAbsent(request.group(1), k -> new CompletableFuture<>()).get();
                String after = String.valueOf(event.get("after"));
                if (event.get("releaseFile") != null) {
                    // held until the test creates the release file: work that outlasts the response, as long as asked
                    java.nio.file.Path release = java.nio.file.Path.of(String.valueOf(event.get("releaseFile")));
                    while (!java.nio.file.Files.exists(release)) {
                        Thread.sleep(5);
                    }
                }
                if (Boolean.TRUE.equals(event.get("untilClosed"))) {
                    // held until the local Lambda is being closed (its Invoke API, AWS_ENDPOINT_URL_LAMBDA, refuses
                    // connections): work still under way when the caller, its response in hand, closes it
                    while (invokeApiOpen()) {
                        Thread.sleep(5);
                    }
                }
                if (after.equals("exit")) {
                    HTTP.send(HttpRequest.newBuilder(URI.create(API + "exit/error")).header("Lambda-Extension-Identifier", id)
                            .header("Lambda-Extension-Function-Error-Type", "Extension.TestFailure")
                            .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
                    return;
                }
                if (after.equals("log")) {
                    LogSink sink = new LogSink(System.getenv("APP_GROUP"), System.getenv("APP_STREAM"));
                    sink.log("after the response of " + request.group(1) + " with a deadline "
                            + (Long.parseLong(until.group(1)) > System.currentTimeMillis() ? "ahead" : "passed"));
                    sink.flush();
                }
            }
        } catch (Exception e) {
            System.out.println("extension: " + e);
        }
    }

    private static boolean invokeApiOpen() {
        URI lambda = URI.create(System.getenv("AWS_ENDPOINT_URL_LAMBDA"));
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(lambda.getHost(), lambda.getPort()), 1000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        try {
            int late = register("too-late", "[\"INVOKE\"]").statusCode();
            RETURNED.computeIfAbsent(context.getAwsRequestId(), k -> new CompletableFuture<>()).complete(event);
            return "{\"requestId\":\"" + context.getAwsRequestId() + "\",\"shutdownStatus\":" + SHUTDOWN_STATUS
                    + ",\"lateStatus\":" + late + ",\"pid\":" + ProcessHandle.current().pid()
                    + ",\"registered\":" + REGISTERED + "}";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
