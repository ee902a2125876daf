package dev.applog.local.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The local Lambda's SnapStart and provisioned-concurrency modes, through the real runtime interface client: the
 * init phase run ahead, the function's org.crac hooks called by the client around restore/next as in Lambda, the
 * snapshot frozen until an invocation restores it, credentials that change at the restore.
 */
class SnapStartModeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalLambda lambda(String initType, String work) throws Exception {
        return LocalLambda.builder().function(TestFunctions.function("Hooks", "Hooks")).initType(initType)
                .workDirectory(TestFunctions.ROOT.resolve(work)).start();
    }

    private static List<String> lines(LocalLambda lambda) {
        return lambda.output("Hooks").stream().map(OutputLine::text).collect(Collectors.toList());
    }

    @Test
    void theHooksRunBeforeTheSnapshotAndAfterTheRestoreAndTheRestoredEnvironmentGetsFreshCredentials() throws Exception {
        try (LocalLambda lambda = lambda("snap-start", "work-snapstart")) {
            Duration init = lambda.initAhead("Hooks");
            assertNotNull(init);
            assertTrue(lines(lambda).contains("hook beforeCheckpoint"), lines(lambda).toString());
            assertFalse(lines(lambda).contains("hook afterRestore"));
            long pid = lambda.pids("Hooks").get(0);
            assertEquals('T', ProcessState.of(pid), "the snapshot is frozen until an invocation restores it");

            InvocationResult first = lambda.invoke("Hooks", "{}");
            JsonNode answer = JSON.readTree(first.payload());
            assertEquals("[\"beforeCheckpoint\",\"afterRestore\"]", answer.get("calls").toString());
            assertEquals("snap-start", answer.get("initType").asText());
            assertFalse(answer.get("keyInEnvironment").asBoolean(), "no keys in the environment under SnapStart");
            assertEquals("ASIALOCALRESTORED", answer.get("accessKeyId").asText());
            assertNull(first.initDuration(), "the init phase ran ahead");
            assertNotNull(first.restoreDuration());
            assertEquals(pid, first.pid());
            assertTrue(lines(lambda).stream().anyMatch(l -> l.startsWith("REPORT") && l.contains("Restore Duration: ")));

            InvocationResult second = lambda.invoke("Hooks", "{}");
            assertNull(second.restoreDuration(), "restored once");
            assertEquals("[\"beforeCheckpoint\",\"afterRestore\"]", JSON.readTree(second.payload()).get("calls").toString());
        }
    }

    @Test
    void anInvocationOfANewSnapStartEnvironmentRunsInitHooksAndRestoreOnItsWay() throws Exception {
        try (LocalLambda lambda = lambda("snap-start", "work-snapstart-cold")) {
            InvocationResult result = lambda.invoke("Hooks", "{}");
            assertEquals("[\"beforeCheckpoint\",\"afterRestore\"]", JSON.readTree(result.payload()).get("calls").toString());
            assertNotNull(result.initDuration());
            assertNotNull(result.restoreDuration());
        }
    }

    @Test
    void provisionedConcurrencyRunsTheInitPhaseAheadWithoutHooksAndTheFirstInvocationIsNoColdStart() throws Exception {
        try (LocalLambda lambda = lambda("provisioned-concurrency", "work-provisioned")) {
            assertNotNull(lambda.initAhead("Hooks"));
            InvocationResult result = lambda.invoke("Hooks", "{}");
            JsonNode answer = JSON.readTree(result.payload());
            assertEquals("[]", answer.get("calls").toString(), "no snapshot, no hooks");
            assertEquals("provisioned-concurrency", answer.get("initType").asText());
            assertFalse(result.coldStart());
            assertNull(result.initDuration());
            assertNull(result.restoreDuration());
        }
    }

    @Test
    void anUnknownInitTypeIsRefusedNamingLambdasValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LocalLambda.builder().initType("snapstart"));
        assertTrue(e.getMessage().contains("snap-start"), e.getMessage());
    }
}
