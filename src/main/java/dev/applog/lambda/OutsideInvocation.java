package dev.applog.lambda;

import dev.applog.delivery.Environment;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The one-time notice for a logger used outside any {@code @AppLogging} invocation inside a Lambda runtime.
 * There the usual cause is a handler class that was never woven (the aspectj-maven-plugin left out of the
 * function's build): its lines would otherwise reach stdout only, without a word on why.
 */
final class OutsideInvocation {

    /** Where the notice points to; the anchor is the troubleshooting page's entry for this case. */
    static final String DOCS = "docs/troubleshooting.md#not-woven";

    private static final AtomicBoolean NOTICED = new AtomicBoolean();

    /**
     * Whether {@link Environment#current()} is a Lambda runtime's, read once per environment: AppLog.current() may be
     * called on a hot path, and the environment changes only when another one is injected.
     */
    private record Checked(Function<String, String> environment, boolean inLambda) {}

    private static volatile Checked checked = new Checked(null, false);

    /** Set once a woven handler class was initialized or an invocation ran in this JVM: weaving is in place. */
    private static volatile boolean wovenSeen;

    private OutsideInvocation() {}

    /** Called by {@code AppLog.current()} when the calling thread belongs to no invocation. */
    static void used() {
        if (NOTICED.get()) {
            return;
        }
        Function<String, String> environment = Environment.current();
        Checked known = checked;
        if (known.environment() != environment) {
            known = new Checked(environment, present(environment.apply(LambdaLogging.RUNTIME_API_VARIABLE)));
            checked = known;
        }
        if (known.inLambda()) {
            notice(environment, System.out);
        }
    }

    static void markWovenSeen() {
        wovenSeen = true;
    }

    /** Prints the notice on {@code out} the first time it is called in a Lambda runtime; false when it did not. */
    static boolean notice(Function<String, String> environment, PrintStream out) {
        String runtimeApi = environment.apply(LambdaLogging.RUNTIME_API_VARIABLE);
        if (!present(runtimeApi) || !NOTICED.compareAndSet(false, true)) {
            return false;
        }
        out.println(text(wovenSeen));
        out.flush();
        return true;
    }

    private static boolean present(String value) {
        return value != null && !value.isEmpty();
    }

    static String text(boolean woven) {
        String head = "applog: AppLog.current() was used while no @AppLogging invocation is running: these lines go to"
                + " stdout only, not to the log group set by @AppLogging. ";
        if (woven) {
            return head + "The handler is woven, so this code runs outside its invocation (the init phase, or a"
                    + " thread the handler did not start: hand it the invocation with AppLog.wrap(...)); see "
                    + DOCS + ".";
        }
        return head + "No woven handler ran in this JVM: the handler class was probably not woven. Add the"
                + " aspectj-maven-plugin (goal compile) with dev.applog:applog as an <aspectLibrary> to the function's"
                + " pom, as the README's quick start shows, and check it with AppLogTesting.assertWoven(YourHandler.class)"
                + " in a unit test; see " + DOCS + ".";
    }

    /** Tests only: lets the next call print again. */
    static void reset() {
        NOTICED.set(false);
        wovenSeen = false;
    }
}
