package dev.applog.delivery;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The priming a SnapStart checkpoint gets: a full HTTPS request through the SDK's URL connection client against a
 * loopback TLS server with the key made for it completes, and nothing of it is left running (the server's thread has
 * ended once the call returns).
 */
class TlsPrimingTest {

    @Test
    void anHttpsRequestCompletesAgainstTheLoopbackServerAndLeavesNoThread() {
        assertTrue(TlsPriming.primeTls(Duration.ofSeconds(10)), "the primed HTTPS request did not complete");
        assertFalse(primingThreadAlive());
    }

    @Test
    void theSdksCredentialsFetchReadsMadeUpCredentialsFromTheLoopbackServerAndLeavesNoThread() {
        assertTrue(TlsPriming.primeCredentialsFetch(), "the made-up credentials were not read");
        assertFalse(primingThreadAlive());
    }

    private static boolean primingThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().startsWith("applog-priming"));
    }
}
