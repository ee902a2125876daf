package dev.applog.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.burt.jmespath.Expression;
import io.burt.jmespath.JmesPath;
import io.burt.jmespath.JmesPathException;
import io.burt.jmespath.jackson.JacksonRuntime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A compiled {@code correlationIdPath}: a JMESPath expression evaluated against the event as JSON. Uses
 * io.burt's jmespath-jackson, the implementation Powertools for AWS Lambda (Java) uses, rather than an evaluator
 * of our own: JMESPath has a specification and a compliance suite that library passes.
 */
final class CorrelationPath {

    /** One mapper for events: a handler's event classes are read by their getters, as the Lambda runtime writes them. */
    static final ObjectMapper MAPPER = new ObjectMapper();

    private static final JmesPath<JsonNode> JMESPATH = new JacksonRuntime();
    private static final Map<String, CorrelationPath> COMPILED = new ConcurrentHashMap<>();

    private final String text;
    private final Expression<JsonNode> expression;

    private CorrelationPath(String text, Expression<JsonNode> expression) {
        this.text = text;
        this.expression = expression;
    }

    /**
     * The expression {@code text} compiled (once per JVM).
     *
     * @throws IllegalArgumentException naming the JMESPath syntax error
     */
    static CorrelationPath of(String text) {
        CorrelationPath path = COMPILED.get(text);
        if (path != null) {
            return path;
        }
        try {
            path = new CorrelationPath(text, JMESPATH.compile(text));
        } catch (JmesPathException e) {
            throw new IllegalArgumentException("it must be a JMESPath expression such as requestContext.requestId ("
                    + e.getMessage() + ")");
        }
        COMPILED.putIfAbsent(text, path);
        return path;
    }

    String text() { return text; }

    /**
     * The correlation id in {@code event}: the expression's value when it is a string or a number (an object or an
     * array as its JSON text), else {@code null} (nothing there, or an event that is not JSON).
     */
    String find(Object event) {
        JsonNode tree = tree(event);
        if (tree == null) {
            return null;
        }
        JsonNode found;
        try {
            found = expression.search(tree);
        } catch (RuntimeException e) {
            return null;
        }
        if (found == null || found.isNull() || found.isMissingNode()) {
            return null;
        }
        String id = found.isValueNode() ? found.asText() : found.toString();
        return id.isBlank() ? null : id;
    }

    /** The event as a JSON tree, or {@code null} when it cannot be one. */
    static JsonNode tree(Object event) {
        try {
            if (event == null) {
                return null;
            }
            if (event instanceof JsonNode) {
                return (JsonNode) event;
            }
            if (event instanceof StreamEvent) {
                return ((StreamEvent) event).tree();
            }
            if (event instanceof CharSequence) {
                return MAPPER.readTree(event.toString());
            }
            return MAPPER.valueToTree(event);
        } catch (Exception e) {
            return null;
        }
    }

    @Override
    public String toString() { return text; }
}
