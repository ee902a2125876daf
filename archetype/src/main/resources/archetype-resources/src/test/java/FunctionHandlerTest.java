package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.applog.AppLogTesting;
import org.junit.jupiter.api.Test;

class FunctionHandlerTest {

    /** Fails, naming the fix, when the build did not weave @AppLogging into the handler. */
    @Test
    void theHandlerIsWoven() {
        AppLogTesting.assertWoven(FunctionHandler.class);
    }

    @Test
    void greetsByName() {
        assertEquals("Hello, ada!", FunctionHandler.greet("ada"));
    }
}
