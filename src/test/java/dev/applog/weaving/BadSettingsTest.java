package dev.applog.weaving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.applog.AppLogConfigException;
import dev.applog.lambda.LambdaLogging;
import dev.applog.lambda.LoggingSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of bad setting fails the first invocation (and every later one) before the handler's body
 * runs, with an error that names where the value came from and the rule it breaks: for an annotated
 * handler and for the functional twin alike.
 */
class BadSettingsTest {

    /** One bad value: the woven handler holding it, the same settings for the twin, the environment. */
    record Case(String name, Supplier<RequestHandler<String, String>> woven, LoggingSettings twin,
                Map<String, String> environment, String wovenSource, String twinSource, String rule) {
        @Override public String toString() { return name; }
    }

    private static final String W = "dev.applog.weaving.WovenHandlers$";
    private static final String TWIN_HANDLER = Counting.class.getName();

    static Stream<Case> cases() {
        return Stream.of(
                new Case("group with a space", WovenHandlers.BadGroup::new,
                        LoggingSettings.builder().group("bad name").build(), Map.of(),
                        "@AppLogging(group = \"bad name\") on " + W + "BadGroup.handleRequest: ",
                        "LoggingSettings.group(\"bad name\") for " + TWIN_HANDLER + ": ",
                        "log group name 'bad name' is invalid: a log group name is 1 to 512 characters of"),
                new Case("stream with a colon", WovenHandlers.BadStream::new,
                        LoggingSettings.builder().group("/test/bad").stream("orders:today").build(), Map.of(),
                        "@AppLogging(stream = \"orders:today\") on " + W + "BadStream.handleRequest: ",
                        "LoggingSettings.stream(\"orders:today\") for " + TWIN_HANDLER + ": ",
                        "with no ':' and no '*'"),
                new Case("unknown format label", WovenHandlers.BadFormat::new,
                        LoggingSettings.builder().group("/test/bad").format("#fancy").build(), Map.of(),
                        "@AppLogging(format = \"#fancy\") on " + W + "BadFormat.handleRequest: ",
                        "LoggingSettings.format(\"#fancy\") for " + TWIN_HANDLER + ": ",
                        "format '#fancy' is invalid: a format label is one of #standard, #short, #simple, #mini, #json"),
                new Case("unset variable", WovenHandlers.UnsetVariable::new,
                        LoggingSettings.builder().group("${APPLOG_TEST_NEVER_SET}").build(), Map.of(),
                        "@AppLogging(group = \"${APPLOG_TEST_NEVER_SET}\") on " + W + "UnsetVariable.handleRequest: ",
                        "LoggingSettings.group(\"${APPLOG_TEST_NEVER_SET}\") for " + TWIN_HANDLER + ": ",
                        "environment variable APPLOG_TEST_NEVER_SET is not set: set it, or write ${APPLOG_TEST_NEVER_SET:-default}"),
                new Case("placeholder that names no variable", WovenHandlers.BadPlaceholder::new,
                        LoggingSettings.builder().group("/test/${not a name}").build(), Map.of(),
                        "@AppLogging(group = \"/test/${not a name}\") on " + W + "BadPlaceholder.handleRequest: ",
                        "LoggingSettings.group(\"/test/${not a name}\") for " + TWIN_HANDLER + ": ",
                        "\"${not a name}\" does not name an environment variable"),
                new Case("APPLOG_GROUP reserved for AWS", WovenHandlers.Good::new, good(), Map.of("APPLOG_GROUP", "aws/mine"),
                        "APPLOG_GROUP=\"aws/mine\" (environment, overrides @AppLogging on " + W + "Good.handleRequest): ",
                        "APPLOG_GROUP=\"aws/mine\" (environment, overrides LoggingSettings for " + TWIN_HANDLER + "): ",
                        "may not start with 'aws/'"),
                new Case("APPLOG_FORMAT unknown", WovenHandlers.Good::new, good(), Map.of("APPLOG_FORMAT", "#nope"),
                        "APPLOG_FORMAT=\"#nope\" (environment, overrides @AppLogging on " + W + "Good.handleRequest): ",
                        "APPLOG_FORMAT=\"#nope\" (environment, overrides LoggingSettings for " + TWIN_HANDLER + "): ",
                        "a format label is one of"),
                new Case("APPLOG_CONFIG unknown kind", WovenHandlers.Good::new, good(),
                        Map.of("APPLOG_CONFIG", "{\"logging\": {\"class\": \"#fancy\"}}"),
                        "APPLOG_CONFIG=\"{\"logging\": {\"class\": \"#fancy\"}}\" (environment, overrides @AppLogging on "
                                + W + "Good.handleRequest): ",
                        "APPLOG_CONFIG=\"{\"logging\": {\"class\": \"#fancy\"}}\" (environment, overrides LoggingSettings for "
                                + TWIN_HANDLER + "): ",
                        "a logger kind is one of cloud-watch, #print, #null, #standard-logger"),
                new Case("APPLOG_CONFIG not JSON", WovenHandlers.Good::new, good(), Map.of("APPLOG_CONFIG", "class=cloud-watch"),
                        "APPLOG_CONFIG=\"class=cloud-watch\" (environment, overrides @AppLogging on " + W + "Good.handleRequest): ",
                        "APPLOG_CONFIG=\"class=cloud-watch\" (environment, overrides LoggingSettings for " + TWIN_HANDLER + "): ",
                        "it must be a JSON object"),
                new Case("APPLOG_FLUSH_MARGIN_MS not a number", WovenHandlers.Good::new, good(),
                        Map.of("APPLOG_FLUSH_MARGIN_MS", "soon"),
                        "APPLOG_FLUSH_MARGIN_MS=\"soon\" (environment, read by @AppLogging on " + W + "Good.handleRequest): ",
                        "APPLOG_FLUSH_MARGIN_MS=\"soon\" (environment, read by LoggingSettings for " + TWIN_HANDLER + "): ",
                        "it is a whole number of milliseconds"));
    }

    static Stream<Arguments> casesBothWays() {
        List<Arguments> all = new ArrayList<>();
        cases().forEach(c -> {
            all.add(Arguments.of(c, true));
            all.add(Arguments.of(c, false));
        });
        return all.stream();
    }

    private static LoggingSettings good() {
        return LoggingSettings.builder().group("/test/good").build();
    }

    /** The twin's handler: counts how often its body ran. */
    static final class Counting implements RequestHandler<String, String> {
        final AtomicInteger calls = new AtomicInteger();

        @Override public String handleRequest(String event, com.amazonaws.services.lambda.runtime.Context context) {
            calls.incrementAndGet();
            return "ran";
        }
    }

    private LogsFixture logs;

    @BeforeEach
    void start() { logs = new LogsFixture(); }

    @AfterEach
    void stop() { logs.close(); }

    @ParameterizedTest(name = "{0}, woven: {1}")
    @MethodSource("casesBothWays")
    void theFirstInvocationFailsNamingTheSourceAndTheRule(Case bad, boolean woven) {
        bad.environment().forEach(logs::env);
        Counting counting = new Counting();
        RequestHandler<String, String> handler = woven ? bad.woven().get() : LambdaLogging.wrap(bad.twin(), counting);

        AppLogConfigException first = assertThrows(AppLogConfigException.class,
                () -> handler.handleRequest("event", new FakeContext("req-1", "orders", 60_000)));
        AppLogConfigException second = assertThrows(AppLogConfigException.class,
                () -> handler.handleRequest("event", new FakeContext("req-2", "orders", 60_000)));

        System.out.println(first.getMessage()); // the report shows what a user reads
        String source = woven ? bad.wovenSource() : bad.twinSource();
        assertTrue(first.getMessage().startsWith(source), "expected to start with\n" + source + "\nbut was\n" + first.getMessage());
        assertTrue(first.getMessage().contains(bad.rule()), "expected the rule\n" + bad.rule() + "\nin\n" + first.getMessage());
        assertEquals(first.getMessage(), second.getMessage());
        assertEquals(0, counting.calls.get(), "the handler's body did not run");
        assertEquals(0, logs.server.requests("PutLogEvents"));
    }
}
