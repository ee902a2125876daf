package dev.applog.weaving;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applog.AppLogTesting;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link AppLogTesting#assertWoven} both ways: the handlers of this test build are woven (as a user's build weaves
 * them); the same kind of handler compiled here by javac alone, as a build without the AspectJ plugin would, is not.
 */
class AppLogTestingTest {

    @TempDir
    Path dir;

    @Test
    void wovenHandlersPass() {
        assertDoesNotThrow(() -> AppLogTesting.assertWoven(WovenHandlers.Stream.class));
        assertDoesNotThrow(() -> AppLogTesting.assertWoven(WovenHandlers.NoContext.class));
        // a generic RequestHandler: javac copies @AppLogging onto the bridge method, which is never woven
        assertDoesNotThrow(() -> AppLogTesting.assertWoven(WovenHandlers.BadGroup.class));
        // two annotated methods, both woven
        assertDoesNotThrow(() -> AppLogTesting.assertWoven(WovenHandlers.Scenario.class));
    }

    @Test
    void aHandlerCompiledWithoutTheWeaverFailsNamingTheFix() throws Exception {
        Class<?> plain = compileWithJavacOnly("PlainHandler", """
                package example;
                import com.amazonaws.services.lambda.runtime.Context;
                import com.amazonaws.services.lambda.runtime.RequestHandler;
                import dev.applog.AppLogger;
                import dev.applog.AppLogging;
                public class PlainHandler implements RequestHandler<String, String> {
                    private AppLogger log;
                    @AppLogging(group = "/app/shop", stream = "shop")
                    @Override
                    public String handleRequest(String order, Context context) {
                        log.info("order " + order);
                        return order;
                    }
                }
                """);
        AssertionError error = assertThrows(AssertionError.class, () -> AppLogTesting.assertWoven(plain));
        assertEquals("example.PlainHandler is not woven: handleRequest(String, Context) runs without the applog aspect,"
                + " so an AppLogger field stays null and AppLog.current() only prints to stdout. Weave it: add the"
                + " aspectj-maven-plugin (goal compile) with dev.applog:applog as an <aspectLibrary> to the function's"
                + " pom, as the README's quick start shows, and build with it (mvn package);"
                + " see docs/troubleshooting.md#not-woven", error.getMessage());
    }

    @Test
    void aClassWithoutAnAnnotatedMethodIsReported() {
        AssertionError error = assertThrows(AssertionError.class, () -> AppLogTesting.assertWoven(String.class));
        assertTrue(error.getMessage().startsWith("java.lang.String declares no method annotated @AppLogging"),
                error.getMessage());
        assertThrows(AssertionError.class, () -> AppLogTesting.assertWoven(null));
    }

    /** Compiles one class with javac, no weaver, against this test's class path, and loads it. */
    private Class<?> compileWithJavacOnly(String simpleName, String source) throws IOException, ReflectiveOperationException {
        Path sources = Files.createDirectories(dir.resolve("src/example"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Path file = Files.writeString(sources.resolve(simpleName + ".java"), source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "-d", classes.toString(),
                "-cp", System.getProperty("java.class.path"), file.toString());
        assertEquals(0, status, "javac failed on " + file);
        URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
        return Class.forName("example." + simpleName, false, loader);
    }
}
