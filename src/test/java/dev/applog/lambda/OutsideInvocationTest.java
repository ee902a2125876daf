package dev.applog.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The notice for a logger used outside any invocation, in a Lambda runtime: once, naming the fix. */
class OutsideInvocationTest {

    @AfterEach
    void reset() {
        OutsideInvocation.reset();
    }

    @Test
    void inALambdaRuntimeTheFirstUseSaysSoOnce() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Map<String, String> lambda = Map.of("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001");
        assertTrue(OutsideInvocation.notice(lambda::get, out));
        assertFalse(OutsideInvocation.notice(lambda::get, out));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(1, text.lines().count(), text);
        assertTrue(text.startsWith("applog: AppLog.current() was used while no @AppLogging invocation is running"), text);
        assertTrue(text.contains("aspectj-maven-plugin") && text.contains("docs/troubleshooting.md#not-woven"), text);
    }

    @Test
    void outsideLambdaNothingIsSaid() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        assertFalse(OutsideInvocation.notice(name -> null, out));
        assertFalse(OutsideInvocation.notice(name -> "", out));
        assertEquals("", bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void onceAWovenHandlerWasSeenTheNoticeSpeaksOfCodeOutsideTheInvocation() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        OutsideInvocation.markWovenSeen();
        assertTrue(OutsideInvocation.notice(name -> "127.0.0.1:9001", out));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("The handler is woven, so this code runs outside its invocation"), text);
        assertTrue(text.contains("AppLog.wrap(...)"), text);
    }

    /** The notice reads the environment injected through LambdaLogging.Builder (made the aspect's), not the process's. */
    @Test
    void theNoticeReadsTheInjectedEnvironment() {
        PrintStream stdout = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            LambdaLogging.useShared(LambdaLogging.builder().environment(Map.of("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001")).build());
            OutsideInvocation.reset();
            dev.applog.AppLog.current();
            String text = bytes.toString(StandardCharsets.UTF_8);
            assertTrue(text.startsWith("applog: AppLog.current() was used while no @AppLogging invocation is running"), text);

            // the process environment of this test JVM is no Lambda runtime's: nothing is said
            LambdaLogging.useShared(LambdaLogging.builder().build());
            OutsideInvocation.reset();
            bytes.reset();
            dev.applog.AppLog.current();
            assertEquals("", bytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(stdout);
            LambdaLogging.useShared(LambdaLogging.builder().build());
        }
    }

    /** The whole path in a JVM whose environment really holds AWS_LAMBDA_RUNTIME_API, as a function's does. */
    @Test
    void aProcessInALambdaRuntimePrintsTheNoticeOnceBeforeItsLines() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), OutsideInvocationMain.class.getName());
        builder.environment().put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001");
        builder.redirectErrorStream(true);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), output);
        assertEquals(0, process.exitValue(), output);
        List<String> lines = output.lines().collect(Collectors.toList());
        assertEquals(3, lines.size(), output);
        assertEquals(OutsideInvocation.text(false), lines.get(0));
        assertTrue(lines.get(1).contains("first line outside") && lines.get(2).contains("second line outside"), output);
    }

    @Test
    void aProcessOutsideLambdaPrintsOnlyItsLines() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), OutsideInvocationMain.class.getName());
        builder.environment().remove("AWS_LAMBDA_RUNTIME_API");
        builder.redirectErrorStream(true);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), output);
        assertEquals(2, output.lines().count(), output);
        assertFalse(output.contains("applog: "), output);
    }
}
