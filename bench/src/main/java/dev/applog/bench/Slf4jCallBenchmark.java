package dev.applog.bench;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.applog.AppLog;
import dev.applog.lambda.LambdaLogging;
import dev.applog.lambda.LoggingSettings;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One SLF4J call with two {@code {}} arguments and three MDC entries (put by the handler in its invocation), on the
 * caller's thread: through applog's provider into a running invocation's CloudWatch logger ({@code #json}), against
 * Powertools Logging v2 (SLF4J, log4j2, its JSON layout on a null stdout). Each fork picks its SLF4J provider with
 * {@code -Dslf4j.provider} (both are on this module's class path).
 *
 * <p>A handler's thread belongs to its invocation for the whole handler and pays nothing per call to be in it. JMH's
 * worker threads belong to no invocation, and the library has no way (nor should it have, for a benchmark) to make a
 * thread enter an invocation other than running code in it: {@code LambdaLogging.handle} on the thread, or a task
 * made with {@link AppLog#wrap(Runnable)}. So each iteration is one invocation ({@code LambdaLogging.handle}, held
 * open by a thread of the benchmark's until the iteration ends, its exit purge untimed), and each measured operation
 * is {@value #CALLS} calls in a row on the worker thread inside one task of that invocation, as a handler's body logs
 * them: the task's entry and exit ({@code invocationWrapOnly}, what a task handed to a pool thread pays) spread over
 * {@value #CALLS} calls. JMH divides by {@value #CALLS} ({@code @OperationsPerInvocation}): every row is per call,
 * Powertools' made by the same loop.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class Slf4jCallBenchmark {

    static final String OURS = "-Dslf4j.provider=dev.applog.slf4j.AppLogServiceProvider";
    static final String LOG4J = "-Dslf4j.provider=org.apache.logging.slf4j.SLF4JServiceProvider";
    static final String ORDER = "o-4711";
    static final Integer ITEMS = 3;
    /** Calls per measured operation: a handler's run of log calls inside its invocation. */
    static final int CALLS = 100;

    /**
     * Three MDC entries, as a request handler puts them: ours in the invocation (there the MDC is the invocation's
     * keys), Powertools' on the calling thread (log4j2's thread context).
     */
    static void mdc() {
        MDC.put("tenant", "t-20931");
        MDC.put("cart", "c-5521");
        MDC.put("channel", "web");
    }

    /**
     * One invocation of a {@code #json} CloudWatch logger per iteration: opened before the iteration by a thread of
     * the benchmark's (the handler, holding it open), ended after it (its exit purge delivers the iteration's
     * events, untimed, so no backlog carries over into the next iteration).
     */
    @State(Scope.Thread)
    public static class InInvocation {
        final Logger logger = LoggerFactory.getLogger("com.example.Orders");
        private final LoggingSettings settings = LoggingSettings.builder().group(BenchSetup.GROUP)
                .stream("calls-slf4j").level("INFO").format("#json").build();
        private CountDownLatch opened;
        private CountDownLatch done;
        private Thread holder;
        Runnable info;
        Runnable debug;
        Runnable nothing;

        @Setup(Level.Trial)
        public void configure() {
            BenchSetup.dummyCredentials();
            // the library's default transport, named: the light one (docs/logger.md#transports)
            LambdaLogging.useShared(LambdaLogging.builder().environment(Map.of("APPLOG_TRANSPORT", "light"))
                    .loggerConfig(b -> b.endpoint(BenchSetup.endpointFromProperty()).region("us-east-1")
                            .maxBufferBytes(4L << 30).deliveryDeadline(Duration.ofMinutes(10)))
                    .build());
        }

        @Setup(Level.Iteration)
        public void open() throws InterruptedException {
            opened = new CountDownLatch(1);
            done = new CountDownLatch(1);
            holder = new Thread(() -> LambdaLogging.handle(settings, new LongContext(), () -> {
                mdc();  // in the invocation, as a handler puts them: the invocation's keys
                info = AppLog.wrap(() -> {
                    for (int i = 0; i < CALLS; i++) {
                        logger.info("order {} accepted: {} items", ORDER, ITEMS);
                    }
                });
                debug = AppLog.wrap(() -> {
                    for (int i = 0; i < CALLS; i++) {
                        logger.debug("order {} accepted: {} items", ORDER, ITEMS);
                    }
                });
                nothing = AppLog.wrap(() -> { });
                opened.countDown();
                try {
                    done.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }), "bench-invocation");
            holder.start();
            opened.await();
        }

        /** Ends the iteration's invocation: its exit purge delivers what the iteration logged. */
        @TearDown(Level.Iteration)
        public void close() throws InterruptedException {
            done.countDown();
            holder.join();
            BenchSetup.dropStream(BenchSetup.endpointFromProperty(), "calls-slf4j");
        }
    }

    /** Powertools' SLF4J (log4j2 with its JSON layout, bench/src/main/resources/log4j2.xml) on a null stdout. */
    @State(Scope.Thread)
    public static class Powertools {
        final LogCallBenchmark.NullStdout stdout = new LogCallBenchmark.NullStdout();
        Logger logger;

        @Setup(Level.Trial)
        public void start() {
            stdout.start();
            logger = LoggerFactory.getLogger("com.example.Orders");
            mdc();
        }

        @TearDown(Level.Trial)
        public void restore() {
            MDC.clear();
            stdout.restore();
        }
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    @Fork(jvmArgsPrepend = OURS)
    public void oursSlf4j(InInvocation state) {
        state.info.run();
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    @Fork(jvmArgsPrepend = OURS)
    public void oursSlf4jBelowLevel(InInvocation state) {
        state.debug.run();
    }

    /** The same disabled call on a thread outside any invocation: the check alone. */
    @Benchmark
    @OperationsPerInvocation(CALLS)
    @Fork(jvmArgsPrepend = OURS)
    public void oursSlf4jBelowLevelNoWrap(InInvocation state) {
        for (int i = 0; i < CALLS; i++) {
            state.logger.debug("order {} accepted: {} items", ORDER, ITEMS);
        }
    }

    /** A task of the invocation run on the worker thread, doing nothing: what entering it costs a pool thread. */
    @Benchmark
    @Fork(jvmArgsPrepend = OURS)
    public void invocationWrapOnly(InInvocation state) {
        state.nothing.run();
    }

    @Benchmark
    @OperationsPerInvocation(CALLS)
    @Fork(jvmArgsPrepend = LOG4J)
    public void powertoolsSlf4j(Powertools state) {
        for (int i = 0; i < CALLS; i++) {
            state.logger.info("order {} accepted: {} items", ORDER, ITEMS);
        }
    }

    /** A context with an hour to run: the deadline watchdog stays away for the whole trial. */
    static final class LongContext implements Context {
        @Override public String getAwsRequestId() { return "bench-request"; }
        @Override public String getLogGroupName() { return "/aws/lambda/bench"; }
        @Override public String getLogStreamName() { return "bench"; }
        @Override public String getFunctionName() { return "bench"; }
        @Override public String getFunctionVersion() { return "$LATEST"; }
        @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:0:function:bench"; }
        @Override public CognitoIdentity getIdentity() { return null; }
        @Override public ClientContext getClientContext() { return null; }
        @Override public int getRemainingTimeInMillis() { return 3_600_000; }
        @Override public int getMemoryLimitInMB() { return 1024; }
        @Override public LambdaLogger getLogger() { return null; }
    }
}
