package fn;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Creates the log group named in the event at the endpoint of AWS_ENDPOINT_URL_CLOUDWATCH_LOGS with the JDK's own
 * HTTPS client and its default trust: answers "status N", or the failure's class and message.
 */
public class TlsProbe implements RequestHandler<Map<String, Object>, String> {
    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        try {
            HttpURLConnection connection = (HttpURLConnection) new URL(System.getenv("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS"))
                    .openConnection();
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setRequestProperty("Content-Type", "application/x-amz-json-1.1");
            connection.setRequestProperty("X-Amz-Target", "Logs_20140328.CreateLogGroup");
            try (OutputStream out = connection.getOutputStream()) {
                out.write(("{\"logGroupName\":\"" + event.get("group") + "\"}").getBytes(StandardCharsets.UTF_8));
            }
            return "status " + connection.getResponseCode();
        } catch (Exception e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }
}
