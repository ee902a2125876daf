package dev.applog.examples.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * template.yaml against the built function jar and layer zip (after `package`): every function's handler,
 * code, layer, environment and policy (see {@link TemplateCheck}); a template that names a class, a method
 * or a path that does not exist, forgets a variable or grants too much is caught.
 */
class TemplateIT {

    private static final Path TEMPLATE = Path.of(System.getProperty("template.file", "../template.yaml")).toAbsolutePath().normalize();
    private static final Path DIRECTORY = TEMPLATE.getParent();
    private static final Path JAR = Path.of(System.getProperty("function.jar", "target/shop-functions.jar")).toAbsolutePath().normalize();
    private static final Path LAYER_ZIP = DIRECTORY.resolve("layer/target/applog-layer.zip");

    @Test
    void theTemplateDeploysWhatTheBuildMakes() throws Exception {
        assertTrue(Files.isRegularFile(JAR), "the function jar is built by the package phase: " + JAR);
        assertTrue(Files.isRegularFile(LAYER_ZIP), "the layer zip is built by the layer module (./mvnw verify from the root): " + LAYER_ZIP);

        assertEquals(List.of(), TemplateCheck.problems(Files.readString(TEMPLATE), DIRECTORY, JAR, LAYER_ZIP));
    }

    @Test
    void theSampleEnvVarsOnlySetDeclaredVariables() throws Exception {
        assertEquals(List.of(), TemplateCheck.envVarsProblems(Files.readString(TEMPLATE),
                Files.readString(DIRECTORY.resolve("events/env.json"))));
    }

    @Test
    void anUndeclaredVariableInTheEnvVarsFileIsReported() throws Exception {
        assertEquals(List.of("env vars: PAYMENT_FUNCTION is not declared for PaymentFunction, so SAM would ignore it"),
                TemplateCheck.envVarsProblems(Files.readString(TEMPLATE), "{\"PaymentFunction\": {\"PAYMENT_FUNCTION\": \"x\"}}"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            a handler class that does not exist | shop.OrderHandler::handleRequest | shop.OrderHandlr::handleRequest | OrderFunction: handler class dev.applog.examples.shop.OrderHandlr is not in shop-functions.jar
            a handler method that does not exist | shop.PaymentHandler::handleRequest | shop.PaymentHandler::handle | PaymentFunction: handler class dev.applog.examples.shop.PaymentHandler has no public method handle(input, Context)
            a handler string without :: | shop.InventoryHandler::handleRequest | shop.InventoryHandler | InventoryFunction: Handler dev.applog.examples.shop.InventoryHandler is not of the form package.Class::method
            a code path that is not the built jar | CodeUri: examples/target/shop-functions.jar | CodeUri: examples/target/shop.jar | OrderFunction: CodeUri examples/target/shop.jar is not the jar the build makes
            a layer path that is not the built zip | ContentUri: layer/target/applog-layer.zip | ContentUri: layer/applog-layer.zip | OrderFunction: layer AppLogLayer has ContentUri layer/applog-layer.zip, not the zip the layer module builds
            a runtime the layer does not support | Runtime: java21 | Runtime: java11 | OrderFunction: runtime java11 is not among layer AppLogLayer's CompatibleRuntimes
            a variable the annotation reads left undeclared | APP_LOG_LEVEL: !Ref AppLogLevel | LOG_LEVEL: !Ref AppLogLevel | OrderFunction: environment variable APP_LOG_LEVEL is read by dev.applog.examples.shop.OrderHandler but not declared
            a function name the order function reads left undeclared | PAYMENT_FUNCTION: !Ref PaymentFunction | PAYMENT: !Ref PaymentFunction | OrderFunction: environment variable PAYMENT_FUNCTION is read by dev.applog.examples.shop.OrderHandler but not declared
            a function name that names the wrong function | INVENTORY_FUNCTION: !Ref InventoryFunction | INVENTORY_FUNCTION: !Ref PaymentFunction | OrderFunction: INVENTORY_FUNCTION must be !Ref of the function whose handler is dev.applog.examples.shop.InventoryHandler
            the right to create log groups | Action: [logs:CreateLogStream, logs:PutLogEvents] | Action: [logs:CreateLogGroup, logs:CreateLogStream, logs:PutLogEvents] | OrderFunction: statement with actions [logs:CreateLogGroup, logs:CreateLogStream, logs:PutLogEvents] is more than the function needs
            log rights on every group | log-group:${ShopLogGroup}:* | log-group:*:* | OrderFunction: the log actions must be granted on the shop's log group
            invoking a function it does not call | - !GetAtt InventoryFunction.Arn | - !GetAtt OrderFunction.Arn | OrderFunction: lambda:InvokeFunction is granted on [OrderFunction, PaymentFunction] but the function calls [InventoryFunction, PaymentFunction]
            """)
    void aBrokenTemplateIsCaught(String what, String find, String replace, String expected) throws Exception {
        String template = Files.readString(TEMPLATE);
        assertTrue(template.contains(find), "the template no longer contains " + find);
        // only the first occurrence: the order function's, the first function of the template
        String broken = template.replaceFirst(java.util.regex.Pattern.quote(find), java.util.regex.Matcher.quoteReplacement(replace));

        List<String> problems = TemplateCheck.problems(broken, DIRECTORY, JAR, LAYER_ZIP);

        assertTrue(problems.stream().anyMatch(p -> p.startsWith(expected)), what + ": expected " + expected + ", found " + problems);
    }
}
