package dev.applog.examples.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.amazonaws.services.lambda.runtime.Context;
import dev.applog.lambda.AppLoggingAspect;
import java.io.File;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library's aspect can be woven by the oldest weaver it promises (AspectJ 1.9.21), not only by the one
 * this build uses: the handlers are woven again with it, in a separate process, and the result runs.
 */
class OldestWeaverTest {

    @TempDir
    Path woven;

    @Test
    void aspectj1921WeavesTheLibrarysAspect() throws Exception {
        assumeTrue(Runtime.version().feature() <= 21,
                "AspectJ 1.9.21 runs on JDK 21 or older; this JDK is " + Runtime.version().feature()
                        + " (the build's own weaver covers it; run the build on JDK 17 for this check)");
        Path weaver = Path.of(System.getProperty("oldest.weaver.jar", "missing"));
        assumeTrue(Files.isRegularFile(weaver), "the weaver jar is copied by the Maven build: " + weaver);

        String library = path(AppLoggingAspect.class);
        String lambdaCore = path(Context.class);
        String runtime = path(org.aspectj.lang.JoinPoint.class);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", weaver.toString(), "org.aspectj.tools.ajc.Main",
                "-17", "-showWeaveInfo", "-aspectpath", library,
                "-cp", String.join(File.pathSeparator, library, lambdaCore, runtime),
                "-d", woven.toString()));
        try (Stream<Path> sources = Files.walk(Path.of(System.getProperty("examples.sources")))) {
            command.addAll(sources.filter(p -> p.toString().endsWith(".java")).map(Path::toString).collect(Collectors.toList()));
        }
        Process ajc = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(ajc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(ajc.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, ajc.exitValue(), output);
        assertTrue(output.contains("OrderHandler.handleRequest") && output.contains("advised by around advice from 'dev.applog.lambda.AppLoggingAspect'"),
                output);

        // run the class the old weaver made (loaded before this build's woven one)
        try (URLClassLoader loader = new ShopClassLoader(woven.toUri().toURL(), getClass().getClassLoader())) {
            Class<?> handler = loader.loadClass(OrderHandler.class.getName());
            Class<?> order = loader.loadClass(Order.class.getName());
            Object event = order.getConstructor(String.class, String.class, List.class).newInstance("o-1", "ada", List.of());
            Method handle = handler.getMethod("handleRequest", order, Context.class);
            Object receipt = handle.invoke(handler.getConstructor().newInstance(), event, null);
            assertEquals("REJECTED", receipt.getClass().getMethod("getStatus").invoke(receipt));
            assertTrue(new String(Files.readAllBytes(woven.resolve("dev/applog/examples/shop/OrderHandler.class")),
                    StandardCharsets.ISO_8859_1).contains("dev/applog/lambda/AppLoggingAspect"));
        }
    }

    private static String path(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
