package fn;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.Map;

/** Exits the JVM in the middle of an invocation, or throws, as the event asks. */
public class Crash implements RequestHandler<Map<String, Object>, String> {
    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        if ("throw".equals(event.get("how"))) {
            throw new IllegalStateException("the order cannot be paid");
        }
        System.out.println("exiting with status 3");
        System.out.flush();
        Runtime.getRuntime().halt(3);
        return "unreachable";
    }
}
