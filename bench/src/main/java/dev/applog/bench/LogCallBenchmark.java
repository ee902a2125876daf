package dev.applog.bench;

import dev.applog.AppLogger;
import dev.applog.CloudWatchLogger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.BufferedOutputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The cost of one log call of a 100-byte message on the caller's thread. Each variant runs in its own forked JVM
 * (JMH's default), so log4j, our sender threads and stdout redirection never meet.
 *
 * <p>Our loggers send in the background: a buffer that fills one request (10,000 events or 1 MiB) goes to the
 * sender threads while the caller goes on, so the time per call is the caller's share, and the bytes allocated
 * per call ({@code -prof gc}, all threads of the fork) include the SDK's work to send them. Each iteration ends
 * with an untimed purge, so the buffer never grows from one iteration to the next.
 *
 * <p>The bench module is woven with the library's aspect, as a user's function project is: each {@code logger.info}
 * call site below names its method for {@code #standard}'s caller without a stack walk ({@code CallSites});
 * {@link OursNotWoven} measures a call site that is not woven.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LogCallBenchmark {

    /** A state holding one of our CloudWatch loggers on its own stream: purged after each iteration, its counters printed. */
    public abstract static class CloudWatchState {
        AppLogger logger;

        abstract String stream();

        @TearDown(Level.Iteration)
        public void purge() {
            logger.purge();
            BenchSetup.dropStream(BenchSetup.endpointFromProperty(), stream());
        }

        @TearDown(Level.Trial)
        public void report() {
            System.out.println("applog stats: " + ((CloudWatchLogger) logger).stats());
        }
    }

    /**
     * Our CloudWatch logger, default batching, a buffer too big to make the caller wait for the network: the
     * caller logs faster than the senders deliver, so within an iteration the events pile up (about 60 bytes of
     * heap each, counted as their UTF-8 size + 26 against the bound) and the untimed purge at its end delivers
     * them. The delivery deadline is long for the same reason: shipments queued behind that backlog would
     * otherwise pass the default 10 s and go to the fallback (stdout) instead of to the endpoint.
     */
    @State(Scope.Benchmark)
    public static class Ours extends CloudWatchState {
        @Param({"#standard", "#short", "#json"})
        public String format;

        @Override
        String stream() {
            return "calls-" + format.substring(1);
        }

        @Setup(Level.Trial)
        public void start() {
            logger = BenchSetup.create(BenchSetup.cloudWatch(BenchSetup.endpointFromProperty(), stream(), format)
                    .maxBufferBytes(4L << 30).deliveryDeadline(Duration.ofMinutes(10)));
        }
    }

    /**
     * As {@link Ours} with {@code #standard}, for a call site the aspect did not weave (the functional twin in
     * code built without AspectJ): the call goes through a method handle, which is no call join point, so the
     * logger finds the caller by walking the stack, as it does for such code.
     */
    @State(Scope.Benchmark)
    public static class OursNotWoven extends CloudWatchState {
        static final MethodHandle INFO;

        static {
            try {
                INFO = MethodHandles.publicLookup().findVirtual(AppLogger.class, "info",
                        MethodType.methodType(void.class, String.class));
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        @Override
        String stream() {
            return "calls-not-woven";
        }

        @Setup(Level.Trial)
        public void start() {
            logger = BenchSetup.create(BenchSetup.cloudWatch(BenchSetup.endpointFromProperty(), stream(), "#standard")
                    .maxBufferBytes(4L << 30).deliveryDeadline(Duration.ofMinutes(10)));
        }
    }

    /** The original's policy: a request every 20 events; the default 8 MiB bound makes the caller wait when sending lags. */
    @State(Scope.Benchmark)
    public static class OriginalPolicy extends CloudWatchState {
        @Override
        String stream() {
            return "calls-every-20";
        }

        @Setup(Level.Trial)
        public void start() {
            logger = BenchSetup.create(BenchSetup.cloudWatch(BenchSetup.endpointFromProperty(), stream(), "#standard")
                    .maxBufferedEvents(20));
        }
    }

    /**
     * As {@link Ours} with {@code #short} and echo on ({@code APPLOG_ECHO=true}): every event is also written at the
     * call and printed (to a stream made like the JVM's System.out, over a sink that counts and drops the bytes, as
     * for println below), the safeguard against a process that dies.
     */
    @State(Scope.Benchmark)
    public static class OursEcho extends CloudWatchState {
        final BenchSetup.CountingNullStream sink = new BenchSetup.CountingNullStream();

        @Override
        String stream() {
            return "calls-echo";
        }

        @Setup(Level.Trial)
        public void start() {
            PrintStream out = new PrintStream(new BufferedOutputStream(sink, 8192), true, StandardCharsets.UTF_8);
            logger = BenchSetup.create(BenchSetup.cloudWatch(BenchSetup.endpointFromProperty(), stream(), "#short")
                    .echo(true).out(out).maxBufferBytes(4L << 30).deliveryDeadline(Duration.ofMinutes(10)));
        }

        @TearDown(Level.Trial)
        public void printed() {
            System.out.println("echo sink: " + sink.bytes.sum() + " bytes written");
        }
    }

    /**
     * As {@link Ours} with {@code #short}, each call at CRITICAL, the default purge level: the call returns once its
     * event is stored (one PutLogEvents to the local endpoint per call), as {@code exception(...)} and, with
     * {@code APPLOG_PURGE_LEVEL=ERROR}, {@code error(...)} do.
     */
    @State(Scope.Benchmark)
    public static class OursPurging extends CloudWatchState {
        @Override
        String stream() {
            return "calls-purging";
        }

        @Setup(Level.Trial)
        public void start() {
            logger = BenchSetup.create(BenchSetup.cloudWatch(BenchSetup.endpointFromProperty(), stream(), "#short"));
        }
    }

    /**
     * stdout replaced by a stream that counts and drops the bytes, made like the JVM's own System.out (a buffered
     * PrintStream that flushes on println). Replaced before log4j starts, so Powertools' Console appender writes
     * into it too (its default {@code follow="false"} keeps the System.out it found at start).
     */
    @State(Scope.Benchmark)
    public static class NullStdout {
        final BenchSetup.CountingNullStream sink = new BenchSetup.CountingNullStream();
        PrintStream original;

        @Setup(Level.Trial)
        public void start() {
            original = System.out;
            System.setOut(new PrintStream(new BufferedOutputStream(sink, 8192), true, StandardCharsets.UTF_8));
        }

        @TearDown(Level.Trial)
        public void restore() {
            System.out.flush();
            System.setOut(original);
            System.out.println("stdout sink: " + sink.bytes.sum() + " bytes written");
        }
    }

    /** Our {@code #json} logger as {@link Ours}, on a stream of its own, for the call with two structured arguments. */
    @State(Scope.Benchmark)
    public static class OursJsonArguments extends CloudWatchState {
        @Override
        String stream() {
            return "calls-json-arguments";
        }

        @Setup(Level.Trial)
        public void start() {
            logger = BenchSetup.create(BenchSetup.cloudWatch(BenchSetup.endpointFromProperty(), stream(), "#json")
                    .maxBufferBytes(4L << 30).deliveryDeadline(Duration.ofMinutes(10)));
        }
    }

    /** Powertools Logging v2 through SLF4J and log4j2 (bench/src/main/resources/log4j2.xml), stdout as above. */
    @State(Scope.Benchmark)
    public static class Powertools {
        final NullStdout stdout = new NullStdout();
        org.slf4j.Logger logger;

        @Setup(Level.Trial)
        public void start() {
            stdout.start();
            logger = org.slf4j.LoggerFactory.getLogger("bench");
        }

        @TearDown(Level.Trial)
        public void restore() {
            stdout.restore();
        }
    }

    @Benchmark
    public void ours(Ours state) {
        state.logger.info(BenchSetup.MESSAGE);
    }

    @Benchmark
    public void oursShortEcho(OursEcho state) {
        state.logger.info(BenchSetup.MESSAGE);
    }

    @Benchmark
    public void oursShortCriticalPurges(OursPurging state) {
        state.logger.critical(BenchSetup.MESSAGE);
    }

    @Benchmark
    public void oursStandardNotWoven(OursNotWoven state) throws Throwable {
        OursNotWoven.INFO.invokeExact(state.logger, BenchSetup.MESSAGE);
    }

    @Benchmark
    public void originalEvery20(OriginalPolicy state) {
        state.logger.info(BenchSetup.MESSAGE);
    }

    @Benchmark
    @Fork(jvmArgsPrepend = Slf4jCallBenchmark.LOG4J)  // applog's SLF4J provider is on the class path too
    public void powertoolsJson(Powertools state) {
        state.logger.info(BenchSetup.MESSAGE);
    }

    /** Two structured arguments, a string and a number, beside {@link #powertoolsTwoEntries}. */
    @Benchmark
    public void oursJsonTwoArguments(OursJsonArguments state) {
        state.logger.info(BenchSetup.MESSAGE, dev.applog.StructuredArguments.entry("orderId", "o-1001"),
                dev.applog.StructuredArguments.entry("total", 42.5));
    }

    /** Powertools' own form of the same call: {@code StructuredArguments.entry} through SLF4J, JSON on stdout. */
    @Benchmark
    public void powertoolsTwoEntries(Powertools state) {
        state.logger.info(BenchSetup.MESSAGE,
                software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry("orderId", "o-1001"),
                software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry("total", 42.5));
    }

    @Benchmark
    public void println(NullStdout state) {
        System.out.println(BenchSetup.MESSAGE);
    }
}
