package dev.applog.weaving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.applog.AppLogger;
import dev.applog.AppLoggers;
import dev.applog.Level;
import dev.applog.LoggerConfig;
import dev.applog.LoggerKind;
import dev.applog.CallSites;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * In woven code each log call names its method from the call site, so {@code {caller}} costs no stack walk; the
 * names are the ones a walk would find (a method's own name, a lambda's synthetic one, {@code <init>}).
 */
class CallSitesTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final AppLogger log = AppLoggers.create(LoggerConfig.builder().kind(LoggerKind.PRINT).level(Level.DEBUG)
            .format("{caller}| ").out(new PrintStream(printed, true, StandardCharsets.UTF_8)).build());

    private List<String> lines() {
        return List.of(printed.toString(StandardCharsets.UTF_8).split(System.lineSeparator()));
    }

    /** Logs from its constructor. */
    private static final class Made {
        Made(AppLogger log) {
            log.warning("made");
        }
    }

    @Test
    void theWovenCallSiteNamesTheMethodWhileTheCallRuns() {
        log.info(() -> "seen " + CallSites.current());

        assertEquals(List.of("theWovenCallSiteNamesTheMethodWhileTheCallRuns| seen theWovenCallSiteNamesTheMethodWhileTheCallRuns"),
                lines());
        assertNull(CallSites.current(), "a name was left entered after the call");
    }

    @Test
    void methodsLambdasAndConstructorsAreNamedAsTheirStackFramesAre() {
        AtomicReference<String> lambdaFrame = new AtomicReference<>();
        Runnable inLambda = () -> {
            lambdaFrame.set(StackWalker.getInstance().walk(frames -> frames.findFirst()).get().getMethodName());
            log.error("from a lambda");
        };
        inLambda.run();
        new Made(log);
        helper();

        assertEquals(List.of(lambdaFrame.get() + "| from a lambda", "<init>| made", "helper| from a helper"), lines());
    }

    private void helper() {
        log.debug("from a helper");
    }

    @Test
    void aSupplierThatLogsNamesItselfThenTheOuterCallAgain() {
        log.log(Level.INFO, () -> {
            log.info("inner");
            return "outer";
        });

        List<String> lines = lines();
        assertEquals(2, lines.size(), lines::toString);
        assertEquals(true, lines.get(0).startsWith("lambda$aSupplierThatLogsNamesItselfThenTheOuterCallAgain$") && lines.get(0).endsWith("| inner"),
                lines.get(0));
        assertEquals("aSupplierThatLogsNamesItselfThenTheOuterCallAgain| outer", lines.get(1));
        assertNull(CallSites.current());
    }
}
