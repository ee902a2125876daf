package dev.applog.local.lambda;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading template.yaml: Globals, parameters, the short and long intrinsic forms, and the errors. */
class SamTemplateTest {

    static final Path TEMPLATE = Path.of("src/test/resources/local-lambda/template.yaml").toAbsolutePath();

    @Test
    void functionsWithGlobalsMergedAndIntrinsicsResolved() throws IOException {
        SamTemplate template = SamTemplate.load(TEMPLATE, Map.of(), "eu-west-1", "shop");
        assertEquals(List.of("OrderFunction", "PaymentFunction", "EchoFunction"),
                template.functionList().stream().map(FunctionConfig::logicalId).toList());

        FunctionConfig orders = template.function("OrderFunction");
        assertEquals("shop-orders", orders.name());
        assertEquals("fn.Logging::handleRequest", orders.handler());
        assertEquals(TEMPLATE.getParent().resolve("functions.jar"), orders.code());
        assertEquals(List.of(TEMPLATE.getParent().resolve("test-layer.zip")), orders.layers());
        assertEquals(5, orders.timeoutSeconds());
        assertEquals(256, orders.memoryMb());
        assertEquals("java21", orders.runtime());
        Map<String, String> env = orders.environment();
        assertEquals("/app/shop", env.get("APP_GROUP"));
        assertEquals("shop-dev", env.get("APP_STREAM"));
        assertEquals("https://logs.eu-west-1.amazonaws.com", env.get("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS"));
        assertEquals("dev", env.get("STAGE"), "the function's variable wins over Globals'");
        assertEquals("shop-payments", env.get("PAYMENT_FUNCTION"));
        assertEquals("arn:aws:lambda:eu-west-1:123456789012:function:shop-payments", env.get("PAYMENT_ARN"));
        assertEquals("arn:aws:logs:eu-west-1:123456789012:log-group:/app/shop:*", env.get("GROUP_ARN"));
        assertEquals("orders-dev-eu-west-1", env.get("JOINED"));
        assertEquals("/app/shop/shop", env.get("LONG_FORM"));

        FunctionConfig payments = template.function("shop-payments");
        assertEquals("PaymentFunction", payments.logicalId());
        assertEquals(7, payments.timeoutSeconds(), "the function's Timeout wins over Globals'");
        assertEquals("global", payments.environment().get("STAGE"));

        FunctionConfig echo = template.function("EchoFunction");
        assertEquals("EchoFunction", echo.name(), "no FunctionName: the logical id");
        assertEquals(512, echo.memoryMb());
        assertEquals("hello", echo.environment().get("GREETING"));
    }

    @Test
    void parameterOverridesReplaceDefaultsAndMustBeDeclared() throws IOException {
        SamTemplate template = SamTemplate.load(TEMPLATE, Map.of("Stage", "prod", "AppLogGroup", "/app/other"),
                "us-east-1", "s");
        FunctionConfig orders = template.function("OrderFunction");
        assertEquals("shop-prod", orders.environment().get("APP_STREAM"));
        assertEquals("/app/other", orders.environment().get("APP_GROUP"));
        IllegalArgumentException undeclared = assertThrows(IllegalArgumentException.class,
                () -> SamTemplate.load(TEMPLATE, Map.of("Stag", "x"), "us-east-1", "s"));
        assertTrue(undeclared.getMessage().contains("parameter override 'Stag' is not declared"),
                undeclared.getMessage());
    }

    @Test
    void anUnknownFunctionNamesTheOnesThereAre() throws IOException {
        SamTemplate template = SamTemplate.load(TEMPLATE, Map.of(), "us-east-1", "s");
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> template.function("Nope"));
        assertTrue(missing.getMessage().contains("no function 'Nope'"), missing.getMessage());
        assertTrue(missing.getMessage().contains("OrderFunction"), missing.getMessage());
    }

    @Test
    void whatTheLocalRunCannotHonourIsAnErrorNamingTheRule(@TempDir Path dir) throws IOException {
        assertRefused(dir, "Handler: x.Y::h\n      CodeUri: .\n      Layers: [arn:aws:lambda:us-east-1:1:layer:x:1]",
                "is not defined in this template");
        assertRefused(dir, "CodeUri: .", "Handler is missing");
        assertRefused(dir, "Handler: x.Y::h", "CodeUri is missing");
        assertRefused(dir, "Handler: x.Y::h\n      CodeUri: {Bucket: b, Key: k}", "must be a local path");
        assertRefused(dir, "Handler: x.Y::h\n      CodeUri: .\n      Timeout: 901", "Timeout must be 1..900");
        assertRefused(dir, "Handler: x.Y::h\n      CodeUri: .\n      MemorySize: lots", "MemorySize must be a whole number");
        assertRefused(dir, "Handler: !Ref Missing\n      CodeUri: .", "!Ref Missing names no parameter");
        assertRefused(dir, "Handler: !Custom x\n      CodeUri: .", "unknown tag '!Custom'");
        assertRefused(dir, "Handler: !If [c, a, b]\n      CodeUri: .", "Fn::If is not supported");
        assertRefused(dir, "Handler: !GetAtt F.Name\n      CodeUri: .", "only .Arn");
    }

    private static void assertRefused(Path dir, String properties, String expected) throws IOException {
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, "Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      "
                + properties + "\n");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> SamTemplate.load(file, Map.of(), "us-east-1", "s"), properties);
        assertTrue(refused.getMessage().contains(expected), refused.getMessage());
    }

    @Test
    void envVarsOverrideOnlyDeclaredVariablesTheFunctionsSectionWinning() throws IOException {
        SamTemplate template = SamTemplate.load(TEMPLATE, Map.of(), "us-east-1", "s");
        EnvVarsOverrides overrides = EnvVarsOverrides.read(TEMPLATE.resolveSibling("env.json"));
        FunctionConfig orders = overrides.apply(template.function("OrderFunction"));
        assertEquals("from-env-json", orders.environment().get("STAGE"));
        assertEquals("http://host.docker.internal:4577", orders.environment().get("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS"));
        assertTrue(!orders.environment().containsKey("NOT_DECLARED"), "undeclared variables are not added");
        assertTrue(!orders.environment().containsKey("GREETING"));
        FunctionConfig payments = overrides.apply(template.function("PaymentFunction"));
        assertEquals("everyone", payments.environment().get("STAGE"), "Parameters applies to every function");
        FunctionConfig echo = overrides.apply(template.function("EchoFunction"));
        assertEquals("hi", echo.environment().get("GREETING"));
        assertEquals(List.of("OrderFunction.NOT_DECLARED (not declared in the template's Environment of OrderFunction)"),
                overrides.ignored());
    }

    @Test
    void aBadEnvVarsFileSaysWhatIsWrong(@TempDir Path dir) throws IOException {
        Path notJson = Files.writeString(dir.resolve("a.json"), "{nope");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EnvVarsOverrides.read(notJson))
                .getMessage().contains("is not valid JSON"));
        Path nested = Files.writeString(dir.resolve("b.json"), "{\"F\": {\"V\": {\"x\": 1}}}");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EnvVarsOverrides.read(nested))
                .getMessage().contains("F.V must be a string, number or boolean"));
        Path notObject = Files.writeString(dir.resolve("c.json"), "{\"F\": 3}");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EnvVarsOverrides.read(notObject))
                .getMessage().contains("\"F\" must be an object"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EnvVarsOverrides.read(dir.resolve("none.json")))
                .getMessage().contains("does not exist"));
    }
}
