package fn;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.Map;

/** Fails while its class initialises, as a function with a bad static setting does. */
public class BrokenInit implements RequestHandler<Map<String, Object>, String> {
    static {
        if (System.getenv("AWS_LAMBDA_FUNCTION_NAME") != null) {
            throw new IllegalStateException("no configuration for " + System.getenv("AWS_LAMBDA_FUNCTION_NAME"));
        }
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return "unreachable";
    }
}
