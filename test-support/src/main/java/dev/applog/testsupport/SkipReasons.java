package dev.applog.testsupport;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Prints on the build's console why each skipped test skipped (a tool missing, a rule an emulator does not
 * enforce): {@code [skipped] MotoConformanceTest.anEmptyBatchIsRefused: ...}. Surefire's console names skipped
 * tests without the reason, which it keeps in its XML report only. Registered through this module's
 * META-INF/services, so every test run of a module with {@code applog-test-support} on its test class path uses it.
 */
public final class SkipReasons implements TestExecutionListener {

    /**
     * The process's own standard error: this build redirects System.out and System.err of tests to files
     * (redirectTestOutputToFile), while Surefire copies the forked JVM's native stderr to the console.
     */
    private static final PrintStream CONSOLE = new PrintStream(new FileOutputStream(FileDescriptor.err), true,
            StandardCharsets.UTF_8);

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        print(test, reason);
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
            print(test, result.getThrowable().map(Throwable::getMessage).orElse("aborted, no reason given"));
        }
    }

    static String line(String name, String reason) {
        return "[skipped] " + name + ": " + (reason == null || reason.isBlank() ? "no reason given" : reason);
    }

    private static void print(TestIdentifier test, String reason) {
        CONSOLE.println(line(name(test), reason));
    }

    /** Class.method for a method, the class's name for a class. */
    private static String name(TestIdentifier test) {
        String id = test.getUniqueId();
        String className = between(id, "[class:", "]");
        String method = between(id, "[method:", "(");
        if (className == null) {
            return test.getDisplayName();
        }
        String simple = className.substring(className.lastIndexOf('.') + 1);
        return method == null ? simple : simple + "." + method;
    }

    private static String between(String text, String start, String end) {
        int from = text.lastIndexOf(start);
        if (from < 0) {
            return null;
        }
        from += start.length();
        int to = text.indexOf(end, from);
        return to < 0 ? null : text.substring(from, to);
    }
}
