package dev.applog.local.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The project's own template.yaml, as the local run reads it: its roles, log groups, conditions and the
 * AWS::LanguageExtensions transform (DeletionPolicy !If) leave the functions as the local run needs them.
 */
class RepositoryTemplateTest {

    @Test
    void theProjectsTemplateLoadsWithItsThreeFunctions() throws Exception {
        SamTemplate template = SamTemplate.load(Path.of("../template.yaml").toAbsolutePath().normalize(), Map.of(),
                "us-east-1", "applog-shop");
        assertEquals(List.of("OrderFunction", "PaymentFunction", "InventoryFunction"),
                template.functionList().stream().map(FunctionConfig::logicalId).toList());
        FunctionConfig order = template.function("OrderFunction");
        assertEquals("applog-shop-order", order.name());
        assertEquals("applog-shop-payment", order.environment().get("PAYMENT_FUNCTION"));
        assertEquals("/app/shop", order.environment().get("APP_LOG_GROUP"));
    }
}
