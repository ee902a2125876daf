package dev.applog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class LoggerConfigTest {

    // ---- names --------------------------------------------------------------------------------------

    @Test
    void validGroupAndStreamNames() {
        assertEquals("/app/shop_1-x.y#z", LogNames.checkGroup("/app/shop_1-x.y#z"));
        assertEquals("g".repeat(512), LogNames.checkGroup("g".repeat(512)));
        assertEquals("shop {date} [{function}] éà", LogNames.checkStream("shop {date} [{function}] éà"));
    }

    @Test
    void badGroupNamesNameTheRule() {
        for (String bad : new String[] {"", "has space", "colon:", "aws/lambda/x", "g".repeat(513), "star*"}) {
            AppLogConfigException e = assertThrows(AppLogConfigException.class,
                    () -> LoggerConfig.builder().group(bad.isEmpty() ? "x y" : bad).build(), bad);
            assertEquals("log group name", e.setting());
            assertTrue(e.getMessage().contains("1 to 512 characters of A-Z a-z 0-9 _ - / . #"), e.getMessage());
        }
        AppLogConfigException aws = assertThrows(AppLogConfigException.class, () -> LogNames.checkGroup("aws/mine"));
        assertTrue(aws.getMessage().contains("starts with 'aws/'"), aws.getMessage());
        AppLogConfigException space = assertThrows(AppLogConfigException.class, () -> LogNames.checkGroup("a b"));
        assertTrue(space.getMessage().contains("found ' ' at index 1"), space.getMessage());
    }

    @Test
    void badStreamNamesNameTheRule() {
        for (String bad : new String[] {"", "a:b", "a*b", "s".repeat(513)}) {
            AppLogConfigException e = assertThrows(AppLogConfigException.class,
                    () -> LoggerConfig.builder().group("/g").stream(bad).build(), bad);
            assertEquals("log stream name", e.setting());
            assertTrue(e.getMessage().contains("no ':' and no '*'"), e.getMessage());
        }
        // a function name with ':' would make the filled-in stream invalid
        assertThrows(AppLogConfigException.class,
                () -> LoggerConfig.builder().group("/g").stream("{function}").function("a:b").build());
    }

    @Test
    void badNumbersNameTheRule() {
        assertThrows(AppLogConfigException.class, () -> LoggerConfig.builder().maxBufferedEvents(10_001).build());
        assertThrows(AppLogConfigException.class, () -> LoggerConfig.builder().maxBufferedEvents(0).build());
        assertThrows(AppLogConfigException.class, () -> LoggerConfig.builder().maxEventBytes(1_048_577).build());
        AppLogConfigException e = assertThrows(AppLogConfigException.class,
                () -> LoggerConfig.builder().maxBufferBytes(1000).build());
        assertTrue(e.getMessage().contains("maxEventBytes"), e.getMessage());
    }

    @Test
    void defaults() {
        LoggerConfig config = LoggerConfig.builder().build();
        assertEquals(LoggerKind.CLOUD_WATCH, config.kind());
        assertEquals(Level.INFO, config.level());
        assertEquals("#standard", config.format().label());
        assertEquals("{date}", config.stream());
        assertFalse(config.echo());
        assertTrue(LoggerConfig.builder().level(Level.DEBUG).build().echo(), "echo is on at DEBUG, as the original did");
        assertFalse(LoggerConfig.builder().level(Level.DEBUG).echo(false).build().echo());
        assertEquals(10_000, config.maxBufferedEvents());
        LoggerConfig copy = config.toBuilder().group("/x").build();
        assertEquals("/x", copy.group());
        assertNull(config.group(), "the original is unchanged");
    }

    // ---- kinds --------------------------------------------------------------------------------------

    @Test
    void unknownKindNamesTheKnownOnes() {
        AppLogConfigException e = assertThrows(AppLogConfigException.class, () -> LoggerKind.parse("cloudwatch"));
        assertTrue(e.getMessage().contains("cloud-watch, #print, #null, #standard-logger"), e.getMessage());
    }

    @Test
    void printLoggerHonoursItsThreshold() {
        Captured captured = new Captured();
        AppLogger log = AppLoggers.create(LoggerConfig.builder().kind("#print").level("WARNING").format("#mini")
                .out(captured.out).build());
        log.info("hidden");
        log.debug(() -> { throw new AssertionError("a message below the threshold is not built"); });
        log.warning("shown");
        assertEquals("#print", log.classCode());
        assertFalse(log.isPurgeable());
        assertEquals(List.of("WARNING: shown"), captured.lines());
    }

    @Test
    void nullLoggerSwallowsEverything() {
        Captured captured = new Captured();
        AppLogger log = AppLoggers.create(LoggerConfig.builder().kind("#null").out(captured.out).build());
        log.critical("nothing");
        log.exception("nothing", new RuntimeException());
        assertTrue(log.purge(java.time.Duration.ofSeconds(1)));
        assertEquals("#null", log.classCode());
        assertEquals("", captured.text());
    }

    @Test
    void standardLoggerHandsEventsToThePlatformLogging() {
        List<LogRecord> records = new ArrayList<>();
        Logger jul = Logger.getLogger("orders-fn");
        Handler handler = new Handler() {
            @Override public void publish(LogRecord record) { records.add(record); }
            @Override public void flush() { }
            @Override public void close() { }
        };
        jul.addHandler(handler);
        jul.setUseParentHandlers(false);
        try {
            AppLogger log = AppLoggers.create(LoggerConfig.builder().kind("#standard-logger").function("orders-fn")
                    .format("#short").build());
            log.info("paid");
            log.critical("down");
            log.debug("hidden below INFO");
            assertEquals("#standard-logger", log.classCode());
            assertEquals(2, records.size());
            assertEquals(java.util.logging.Level.INFO, records.get(0).getLevel());
            assertEquals("INFO: orders-fn: paid", records.get(0).getMessage());
            assertEquals(java.util.logging.Level.SEVERE, records.get(1).getLevel());
            assertEquals("CRITICAL: orders-fn: down", records.get(1).getMessage());
        } finally {
            jul.removeHandler(handler);
            jul.setUseParentHandlers(true);
        }
    }

    @Test
    void cloudWatchWithoutAGroupPrints() {
        Captured captured = new Captured();
        AppLogger log = AppLoggers.create(LoggerConfig.builder().kind("cloud-watch").format("#mini").out(captured.out).build());
        log.info("printed");
        assertEquals("#print", log.classCode());
        assertEquals(List.of("printed"), captured.lines());
    }

    // ---- the original's map / JSON ------------------------------------------------------------------

    @Test
    void nestedMapBuildsTheSameLogger() {
        LoggerConfig config = LoggerConfig.fromMap(Map.of("app", "ignored", "logging", Map.of("class", "cloud-watch",
                "level", "debug", "cloud-watch", Map.of("group", "/app/shop", "stream", "shop-{date}",
                        "function", "orders", "format", "#short"))));
        assertEquals(LoggerKind.CLOUD_WATCH, config.kind());
        assertEquals(Level.DEBUG, config.level());
        assertEquals("/app/shop", config.group());
        assertEquals("shop-{date}", config.stream());
        assertEquals("orders", config.function());
        assertEquals("#short", config.format().label());
        assertTrue(config.echo());
        assertEquals(config.toString(), LoggerConfig.fromMap(config.toMap()).toString(), "toMap round-trips");
    }

    @Test
    void innerFormDefaultsTheFormatToMini() {
        LoggerConfig inner = LoggerConfig.fromMap(Map.of("class", "#print", "level", 30));
        assertEquals(LoggerKind.PRINT, inner.kind());
        assertEquals(Level.WARNING, inner.level(), "Python's numbers are accepted");
        assertEquals("#mini", inner.format().label());
        assertEquals("#standard", LoggerConfig.fromMap(Map.of("logging", Map.of("class", "#print"))).format().label());
    }

    @Test
    void jsonFormAndTheFactory() {
        Captured captured = new Captured();
        AppLogger log = AppLoggers.create(LoggerConfig.parseMap(Map.of("class", "#print", "cloud-watch",
                Map.of("function", "fn"))).out(captured.out).build());
        log.warning("w");
        assertEquals(List.of("WARNING: fn: w"), captured.lines());
        AppLogger fromJson = AppLoggers.fromJson("{\"logging\": {\"class\": \"#null\", \"level\": \"ERROR\"}}");
        assertEquals("#null", fromJson.classCode());
        assertEquals(Level.ERROR, fromJson.level());
        assertEquals("#print", AppLoggers.fromMap(Map.of("class", "cloud-watch")).classCode(), "no group: prints");
    }

    @Test
    void badMapsNameTheRule() {
        AppLogConfigException shape = assertThrows(AppLogConfigException.class, () -> LoggerConfig.fromMap(Map.of("x", 1)));
        assertTrue(shape.getMessage().contains("{\"logging\": {\"class\": ...}} or {\"class\": ...}"), shape.getMessage());
        AppLogConfigException typo = assertThrows(AppLogConfigException.class, () -> LoggerConfig.fromMap(
                Map.of("logging", Map.of("class", "cloud-watch", "cloud-watch", Map.of("grup", "/g")))));
        assertTrue(typo.getMessage().contains("'grup'") && typo.getMessage().contains("format, function, group"),
                typo.getMessage());
        AppLogConfigException kind = assertThrows(AppLogConfigException.class,
                () -> LoggerConfig.fromMap(Map.of("class", "#printer")));
        assertEquals("logger kind", kind.setting());
        AppLogConfigException json = assertThrows(AppLogConfigException.class, () -> LoggerConfig.fromJson("{nope"));
        assertTrue(json.getMessage().contains("JSON object"), json.getMessage());
        assertThrows(AppLogConfigException.class, () -> LoggerConfig.fromJson("[1]"));
        AppLogConfigException name = assertThrows(AppLogConfigException.class, () -> LoggerConfig.fromMap(
                Map.of("class", "cloud-watch", "cloud-watch", Map.of("group", "bad name"))));
        assertEquals("log group name", name.setting());
        assertThrows(AppLogConfigException.class, () -> LoggerConfig.fromMap(
                Map.of("class", "cloud-watch", "cloud-watch", Map.of("format", "#nope"))));
    }

    @Test
    void anUnknownLevelInAMapIsInfoWithOneWarning() {
        Captured captured = new Captured();
        LoggerConfig config = LoggerConfig.parseMap(Map.of("class", "#print", "level", "loud-unknown-2"))
                .out(captured.out).build();
        assertEquals(Level.INFO, config.level());
    }

    // ---- edges the mutation run found untested ---------------------------------------------------------

    @Test
    void anUnknownKeyInTheLoggingSectionIsRefused() {
        AppLogConfigException nested = assertThrows(AppLogConfigException.class, () -> LoggerConfig.fromMap(
                Map.of("logging", Map.of("class", "#print", "levle", "DEBUG"))));
        assertEquals("key in logging", nested.setting());
        assertTrue(nested.getMessage().contains("'levle'") && nested.getMessage().contains("class, cloud-watch, echo"),
                nested.getMessage());
        assertThrows(AppLogConfigException.class, () -> LoggerConfig.fromMap(Map.of("class", "#print", "colour", "red")));
    }

    @Test
    void regionServiceAndEndpointFromAMapReadBack() {
        LoggerConfig config = LoggerConfig.fromMap(Map.of("logging", Map.of("class", "cloud-watch", "service", "shop",
                "cloud-watch", Map.of("group", "/g", "region", "eu-west-1", "endpoint", "http://localhost:4566"))));
        assertEquals("eu-west-1", config.region());
        assertEquals("shop", config.service());
        assertEquals(java.net.URI.create("http://localhost:4566"), config.endpoint());
        assertEquals("shop", LoggerConfig.fromMap(Map.of("class", "#print", "cloud-watch", Map.of("service", "shop"))).service());
    }

    @Test
    void echoIsABooleanOrItsText() {
        assertTrue(LoggerConfig.fromMap(Map.of("class", "#print", "echo", true)).echo());
        assertFalse(LoggerConfig.fromMap(Map.of("class", "#print", "echo", " FALSE ")).echo());
        assertTrue(LoggerConfig.fromMap(Map.of("class", "#print", "echo", "True")).echo());
        AppLogConfigException e = assertThrows(AppLogConfigException.class,
                () -> LoggerConfig.fromMap(Map.of("class", "#print", "echo", "yes")));
        assertEquals("logging.echo", e.setting());
        assertTrue(e.getMessage().contains("echo is true or false"), e.getMessage());
    }

    @Test
    void aJsonConfigurationThatIsNotAnObjectSaysSo() {
        AppLogConfigException e = assertThrows(AppLogConfigException.class, () -> LoggerConfig.fromJson("[1]"));
        assertTrue(e.getMessage().contains("must be an object (a map)"), e.getMessage());
    }

    @Test
    void aStarInAFunctionNameIsRefusedWhenItFillsTheStream() {
        AppLogConfigException e = assertThrows(AppLogConfigException.class,
                () -> LoggerConfig.builder().group("/g").stream("{function}-{date}").function("a*b").build());
        assertEquals("log stream name", e.setting());
        assertTrue(e.getMessage().contains("filled in it reads 'a*b-{date}'"), e.getMessage());
        assertEquals("a*b", LoggerConfig.builder().group("/g").stream("fixed").function("a*b").build().function(),
                "a stream without {function} does not carry it");
    }

    @Test
    void theSmallestEventLimitAndABufferOfOneEventAreAccepted() {
        LoggerConfig config = LoggerConfig.builder().maxEventBytes(256).maxBufferBytes(256).build();
        assertEquals(256, config.maxEventBytes());
        assertEquals(256, config.maxBufferBytes());
        assertThrows(AppLogConfigException.class, () -> LoggerConfig.builder().maxEventBytes(255).build());
        assertThrows(AppLogConfigException.class, () -> LoggerConfig.builder().maxEventBytes(300).maxBufferBytes(299).build());
        assertEquals(1_048_576, LoggerConfig.builder().maxEventBytes(1_048_576).build().maxEventBytes());
        assertEquals(1, LoggerConfig.builder().maxBufferedEvents(1).build().maxBufferedEvents());
        assertEquals(10_000, LoggerConfig.builder().maxBufferedEvents(10_000).build().maxBufferedEvents());
    }

    @Test
    void everyBuilderSettingReadsBack() {
        java.util.function.Supplier<software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient> client = () -> null;
        LoggerConfig config = LoggerConfig.builder().group("/g").stream("s")
                .maxBufferAge(java.time.Duration.ofMillis(1234)).deliveryDeadline(java.time.Duration.ofMillis(2345))
                .requestTimeout(java.time.Duration.ofMillis(3456)).endpoint(java.net.URI.create("http://127.0.0.1:1"))
                .region("ap-south-1").clientSupplier(client).maxBufferBytes(9_999_999).build();
        assertEquals(java.time.Duration.ofMillis(1234), config.maxBufferAge());
        assertEquals(java.time.Duration.ofMillis(2345), config.deliveryDeadline());
        assertEquals(java.time.Duration.ofMillis(3456), config.requestTimeout());
        assertEquals(java.net.URI.create("http://127.0.0.1:1"), config.endpoint());
        assertEquals("ap-south-1", config.region());
        assertEquals(client, config.clientSupplier());
        assertEquals(9_999_999, config.maxBufferBytes());
        LoggerConfig copy = config.toBuilder().build();
        assertEquals(java.time.Duration.ofMillis(2345), copy.deliveryDeadline());
        assertEquals("ap-south-1", copy.region());
    }

    @Test
    void itsDescriptionNamesKindGroupStreamAndFormat() {
        String text = LoggerConfig.builder().group("/app/g").stream("day-{date}").format("#json").build().toString();
        assertTrue(text.contains("kind=cloud-watch") && text.contains("group=/app/g") && text.contains("stream=day-{date}")
                && text.contains("format=#json"), text);
    }
}
