package dev.applog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * No thread of the library is left once the loggers the factory made are closed: checked in a JVM of its own
 * ({@link ThreadsAfterCloseMain}), since other tests of this JVM keep loggers open.
 */
class ThreadsAfterCloseTest {

    @Test
    void noApplogThreadIsLeftAfterClose() throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ThreadsAfterCloseMain.class.getName())
                .redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        String text = new String(output, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), text);
        List<String> lines = Arrays.asList(text.split("\\R"));
        assertTrue(lines.contains("SAW true"), "the logger used threads of its own before close: " + text);
        int from = lines.indexOf("THREADS");
        int to = lines.indexOf("STORED 26");
        assertTrue(from >= 0 && to > from, "every event stored, then the thread list: " + text);
        assertEquals(List.of(), lines.subList(from + 1, to), "applog threads alive after close: " + text);
    }
}
