package fn;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crac.Resource;

/**
 * Registers a SnapStart runtime hook as a function does (org.crac, a strong reference) and answers with the hooks
 * called so far, its init type, and the access key id its credentials endpoint serves now.
 */
public class Hooks implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    static final List<String> CALLS = new ArrayList<>();
    static final Resource HOOK = new Resource() {
        @Override
        public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
            CALLS.add("beforeCheckpoint");
            System.out.println("hook beforeCheckpoint");
        }

        @Override
        public void afterRestore(org.crac.Context<? extends Resource> context) {
            CALLS.add("afterRestore");
            System.out.println("hook afterRestore");
        }
    };

    static {
        org.crac.Core.getGlobalContext().register(HOOK);
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("calls", new ArrayList<>(CALLS));
        answer.put("initType", System.getenv("AWS_LAMBDA_INITIALIZATION_TYPE"));
        answer.put("keyInEnvironment", System.getenv("AWS_ACCESS_KEY_ID") != null);
        String uri = System.getenv("AWS_CONTAINER_CREDENTIALS_FULL_URI");
        if (uri != null) {
            try {
                HttpURLConnection connection = (HttpURLConnection) new URL(uri).openConnection();
                connection.setRequestProperty("Authorization", System.getenv("AWS_CONTAINER_AUTHORIZATION_TOKEN"));
                String body = new String(connection.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                int at = body.indexOf("\"AccessKeyId\":\"") + "\"AccessKeyId\":\"".length();
                answer.put("accessKeyId", body.substring(at, body.indexOf('"', at)));
            } catch (Exception e) {
                answer.put("accessKeyId", e.toString());
            }
        }
        return answer;
    }
}
