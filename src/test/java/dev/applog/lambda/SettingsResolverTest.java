package dev.applog.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.applog.AppLogConfigException;
import dev.applog.Level;
import dev.applog.LoggerConfig;
import dev.applog.LoggerKind;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The precedence of the settings' sources, layer by layer, with an environment given as a map. */
class SettingsResolverTest {

    private static final LoggingSettings ANNOTATED = LoggingSettings.builder()
            .group("${APP_LOG_GROUP:-/app/shop}").stream("shop-{function}-{date}").level("ERROR").format("#short")
            .where("com.example.Handler.handleRequest").build();

    private static LoggerConfig resolve(Map<String, String> environment) {
        return new SettingsResolver(environment::get, UnaryOperator.identity()).resolve(ANNOTATED, "orders").config();
    }

    @Test
    void withoutEnvironmentTheAnnotationDecides() {
        LoggerConfig config = resolve(Map.of());
        assertEquals("/app/shop", config.group());
        assertEquals("shop-orders-{date}", config.stream(), "{function} filled in, {date} left to the logger");
        assertEquals(Level.ERROR, config.level());
        assertEquals("#short", config.format().label());
        assertEquals(LoggerKind.CLOUD_WATCH, config.kind());
    }

    @Test
    void aVariableTheAnnotationNamesIsUsed() {
        assertEquals("/app/from-variable", resolve(Map.of("APP_LOG_GROUP", "/app/from-variable")).group());
        assertEquals("/app/shop", resolve(Map.of("APP_LOG_GROUP", "")).group(), "empty counts as unset");
    }

    @Test
    void lambdasLevelBeatsTheAnnotation() {
        assertEquals(Level.WARNING, resolve(Map.of("AWS_LAMBDA_LOG_LEVEL", "WARN")).level());
    }

    @Test
    void theJsonConfigurationBeatsLambdasLevelAndTheAnnotationForTheKeysItHolds() {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_LAMBDA_LOG_LEVEL", "WARN");
        env.put("APPLOG_CONFIG", "{\"logging\": {\"class\": \"cloud-watch\", \"level\": \"DEBUG\","
                + " \"cloud-watch\": {\"group\": \"/app/configured\", \"function\": \"billing\"}}}");
        LoggerConfig config = resolve(env);
        assertEquals(Level.DEBUG, config.level());
        assertEquals("/app/configured", config.group());
        assertEquals("shop-billing-{date}", config.stream(), "the configured function fills {function}");
        assertEquals("billing", config.function());
        assertEquals("#short", config.format().label(), "a key the configuration lacks keeps the annotation's value");
    }

    @Test
    void theJsonConfigurationsInnerFormAndKind() {
        LoggerConfig config = resolve(Map.of("APPLOG_CONFIG", "{\"class\": \"#print\", \"level\": 30}"));
        assertEquals(LoggerKind.PRINT, config.kind());
        assertEquals(Level.WARNING, config.level());
    }

    @Test
    void ourVariablesBeatEverything() {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_LAMBDA_LOG_LEVEL", "WARN");
        env.put("APPLOG_CONFIG", "{\"class\": \"cloud-watch\", \"level\": \"DEBUG\", \"format\": \"#mini\","
                + " \"cloud-watch\": {\"group\": \"/app/configured\", \"stream\": \"configured\"}}");
        env.put("APPLOG_GROUP", "/app/env");
        env.put("APPLOG_STREAM", "env-{function}");
        env.put("APPLOG_LEVEL", "critical");
        env.put("APPLOG_FORMAT", "#json");
        LoggerConfig config = resolve(env);
        assertEquals("/app/env", config.group());
        assertEquals("env-orders", config.stream());
        assertEquals(Level.CRITICAL, config.level());
        assertEquals("#json", config.format().label());
    }

    @Test
    void anEmptyGroupMeansNoGroup() {
        assertNull(new SettingsResolver(Map.<String, String>of()::get, UnaryOperator.identity())
                .resolve(LoggingSettings.builder().build(), "orders").config().group());
    }

    @Test
    void anUnknownLevelIsInfoNotAnError() {
        assertEquals(Level.INFO, resolve(Map.of("APPLOG_LEVEL", "verbose")).level());
    }

    @Test
    void equalSettingsShareOneKey() {
        SettingsResolver resolver = new SettingsResolver(Map.<String, String>of()::get, UnaryOperator.identity());
        LoggingSettings other = ANNOTATED.toBuilder().where("com.example.Other.handleRequest").build();
        assertEquals(resolver.resolve(ANNOTATED, "orders").key(), resolver.resolve(other, "orders").key());
    }

    @Test
    void aFunctionNameTheServiceWouldRefuseInTheStreamIsAnError() {
        AppLogConfigException e = assertThrows(AppLogConfigException.class, () -> new SettingsResolver(
                Map.<String, String>of()::get, UnaryOperator.identity()).resolve(ANNOTATED, "a*b"));
        assertTrue(e.getMessage().startsWith("LoggingSettings.stream(\"shop-{function}-{date}\") for com.example.Handler.handleRequest: log stream name 'shop-a*b-{date}' is invalid"),
                e.getMessage());
    }

    @Test
    void theFlushMarginComesFromTheEnvironment() {
        assertNull(new SettingsResolver(Map.<String, String>of()::get, UnaryOperator.identity()).flushMarginMillis(ANNOTATED));
        assertEquals(750L, new SettingsResolver(Map.of("APPLOG_FLUSH_MARGIN_MS", "750")::get, UnaryOperator.identity())
                .flushMarginMillis(ANNOTATED));
        assertThrows(AppLogConfigException.class, () -> new SettingsResolver(
                Map.of("APPLOG_FLUSH_MARGIN_MS", "-1")::get, UnaryOperator.identity()).flushMarginMillis(ANNOTATED));
    }

    @Test
    void theDefaultMarginIsATenthOfTheTimeLeftWithinBounds() {
        assertEquals(300, LambdaLogging.defaultMargin(3_000));
        assertEquals(200, LambdaLogging.defaultMargin(1_000));
        assertEquals(2_000, LambdaLogging.defaultMargin(900_000));
        // a cold JVM's first invocation: half the time left, at most 2 s, never less than the warm margin
        assertEquals(1_000, LambdaLogging.defaultMargin(2_000, true));
        assertEquals(1_500, LambdaLogging.defaultMargin(3_000, true));
        assertEquals(2_000, LambdaLogging.defaultMargin(900_000, true));
        assertEquals(300, LambdaLogging.defaultMargin(3_000, false));
    }

    @Test
    void aFlushMarginOfZeroIsAccepted() {
        assertEquals(0L, new SettingsResolver(Map.of("APPLOG_FLUSH_MARGIN_MS", "0")::get, UnaryOperator.identity())
                .flushMarginMillis(ANNOTATED));
    }

    @Test
    void aBadValueFromAVariableNamesTheVariable() {
        AppLogConfigException group = assertThrows(AppLogConfigException.class, () -> resolve(Map.of("APPLOG_GROUP", "bad group")));
        assertTrue(group.getMessage().startsWith("APPLOG_GROUP=\"bad group\" (environment, overrides "), group.getMessage());
        assertEquals("log group name", group.setting());
        AppLogConfigException format = assertThrows(AppLogConfigException.class, () -> resolve(Map.of("APPLOG_FORMAT", "#nope")));
        assertTrue(format.getMessage().startsWith("APPLOG_FORMAT=\"#nope\""), format.getMessage());
    }

    @Test
    void theConfiguredFunctionNamesTheLogger() {
        assertEquals("billing", resolve(Map.of("APPLOG_CONFIG",
                "{\"class\": \"cloud-watch\", \"cloud-watch\": {\"function\": \"billing\"}}")).function());
        assertEquals("billing", resolve(Map.of("APPLOG_CONFIG",
                "{\"class\": \"cloud-watch\", \"function\": \"billing\"}")).function());
        assertNull(resolve(Map.of()).function(), "the invocation's function fills the stream; the logger keeps none");
    }

    /** A null function in the cloud-watch section is no function there: the logging section's one names the logger. */
    @Test
    void aNullFunctionInTheCloudWatchSectionLeavesTheLoggingSectionsOne() {
        LoggerConfig config = resolve(Map.of("APPLOG_CONFIG",
                "{\"class\": \"cloud-watch\", \"function\": \"billing\", \"cloud-watch\": {\"function\": null}}"));
        assertEquals("billing", config.function());
        assertEquals("shop-billing-{date}", config.stream(), "the stream is filled with the function the logger names");
    }

    @Test
    void thePurgeLevelAndEchoComeFromTheSettingsTheConfigurationOrTheirVariables() {
        LoggingSettings settings = ANNOTATED.toBuilder().purgeLevel("ERROR").echo("true").build();
        SettingsResolver none = new SettingsResolver(Map.<String, String>of()::get, UnaryOperator.identity());
        assertEquals(Level.CRITICAL, resolve(Map.of()).purgeLevel(), "the default");
        assertEquals(false, resolve(Map.of()).echo(), "the default at ERROR");
        assertEquals(Level.ERROR, none.resolve(settings, "orders").config().purgeLevel());
        assertEquals(true, none.resolve(settings, "orders").config().echo());

        String configText = "{\"logging\": {\"class\": \"cloud-watch\", \"purge-level\": \"WARNING\", \"echo\": false}}";
        LoggerConfig configured = new SettingsResolver(Map.of("APPLOG_CONFIG", configText)::get, UnaryOperator.identity())
                .resolve(settings, "orders").config();
        assertEquals(Level.WARNING, configured.purgeLevel(), "APPLOG_CONFIG beats the settings");
        assertEquals(false, configured.echo());

        Map<String, String> env = new HashMap<>();
        env.put("APPLOG_CONFIG", configText);
        env.put("APPLOG_PURGE_LEVEL", "error");
        env.put("APPLOG_ECHO", "TRUE");
        LoggerConfig fromVariables = new SettingsResolver(env::get, UnaryOperator.identity()).resolve(settings, "orders").config();
        assertEquals(Level.ERROR, fromVariables.purgeLevel(), "APPLOG_PURGE_LEVEL beats everything");
        assertEquals(true, fromVariables.echo(), "APPLOG_ECHO beats everything");
        assertEquals(true, resolve(Map.of("APPLOG_ECHO", "true")).echo());
        assertEquals(Level.ERROR, resolve(Map.of("APPLOG_PURGE_LEVEL", "ERROR")).purgeLevel());

        SettingsResolver plain = new SettingsResolver(Map.<String, String>of()::get, UnaryOperator.identity());
        SettingsResolver echoing = new SettingsResolver(Map.of("APPLOG_ECHO", "true")::get, UnaryOperator.identity());
        assertTrue(!plain.resolve(ANNOTATED, "orders").key().equals(echoing.resolve(ANNOTATED, "orders").key()),
                "another echo setting is another logger");
    }

    @Test
    void aBadPurgeLevelOrEchoNamesItsSource() {
        AppLogConfigException level = assertThrows(AppLogConfigException.class,
                () -> resolve(Map.of("APPLOG_PURGE_LEVEL", "sometimes")));
        assertTrue(level.getMessage().startsWith("APPLOG_PURGE_LEVEL=\"sometimes\" (environment, overrides LoggingSettings"
                + " for com.example.Handler.handleRequest): purge level 'sometimes' is invalid: a purge level is a level name"),
                level.getMessage());
        AppLogConfigException echo = assertThrows(AppLogConfigException.class, () -> resolve(Map.of("APPLOG_ECHO", "yes")));
        assertTrue(echo.getMessage().startsWith("APPLOG_ECHO=\"yes\" (environment, overrides LoggingSettings for "
                + "com.example.Handler.handleRequest): echo 'yes' is invalid: echo is true"), echo.getMessage());
        AppLogConfigException inSettings = assertThrows(AppLogConfigException.class, () -> new SettingsResolver(
                Map.<String, String>of()::get, UnaryOperator.identity())
                .resolve(ANNOTATED.toBuilder().purgeLevel("loud").build(), "orders"));
        assertTrue(inSettings.getMessage().startsWith("LoggingSettings.purgeLevel(\"loud\") for com.example.Handler."
                + "handleRequest: purge level 'loud' is invalid"), inSettings.getMessage());
    }
}
