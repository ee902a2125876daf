package dev.applog.local;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The lines tail and demo print for a person. */
class LogTailTest {

    @Test
    void theDemosSummaryCountsEachRequestsEventsPerFunction() {
        List<String> messages = List.of(
                "{\"level\":\"INFO\",\"message\":\"a\",\"function_name\":\"OrderFunction\",\"correlation_id\":\"o-1\"}",
                "{\"level\":\"INFO\",\"message\":\"b\",\"function_name\":\"PaymentFunction\",\"correlation_id\":\"o-1\"}",
                "{\"level\":\"INFO\",\"message\":\"c\",\"function_name\":\"OrderFunction\",\"correlation_id\":\"o-2\"}",
                "{\"level\":\"INFO\",\"message\":\"d\",\"function_name\":\"OrderFunction\",\"correlation_id\":\"o-1\"}",
                "plain text without a correlation id", "{not json", "{\"message\":\"no id\"}");
        assertEquals(List.of(
                "  o-1   3 events: OrderFunction 2, PaymentFunction 1",
                "  o-2   1 events: OrderFunction 1"), LogTail.correlationSummary(messages));
    }

    @Test
    void columnsStayAlignedForUuidCorrelationIds() {
        String uuid = "3f6c1a52-9a0e-4c8e-b1d2-6a1f2e3d4c5b";
        List<String> messages = List.of(
                "{\"level\":\"INFO\",\"message\":\"a\",\"function_name\":\"OrderFunction\",\"correlation_id\":\"" + uuid + "\"}",
                "{\"level\":\"INFO\",\"message\":\"b\",\"function_name\":\"OrderFunction\",\"correlation_id\":\"short-1\"}");
        List<String> summary = LogTail.correlationSummary(messages);
        assertEquals(summary.get(0).indexOf(" events:"), summary.get(1).indexOf(" events:"), summary.toString());
        String withUuid = LogTail.format(1, messages.get(0), "s");
        String withShortId = LogTail.format(1, messages.get(1), "s");
        assertEquals(withUuid.indexOf(" a"), withShortId.indexOf(" b"), withUuid + "\n" + withShortId);
        assertEquals(withUuid.indexOf(uuid) + uuid.length() + 1, withUuid.indexOf(" a") + 1, withUuid);
    }

    @Test
    void aMultiLineTextEventIsIndentedAndAJsonMessageThatIsAnObjectIsShownAsJson() {
        assertEquals("1970-01-01 00:00:00.001 ERROR: boom\n    at x.y(Z.java:1)",
                LogTail.format(1, "ERROR: boom\nat x.y(Z.java:1)", null));
        assertEquals("1970-01-01 00:00:00.002 [s] INFO     f                      -" + " ".repeat(36) + "{\"total\":3}",
                LogTail.format(2, "{\"level\":\"INFO\",\"function_name\":\"f\",\"message\":{\"total\":3}}", "s"));
    }
}
