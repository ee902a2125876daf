package dev.applog.examples.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cfn-lint (which applies the SAM transform itself) finds no error and no warning in template.yaml. */
class CfnLintIT {

    private static final Path TEMPLATE = Path.of(System.getProperty("template.file", "../template.yaml")).toAbsolutePath().normalize();

    @TempDir
    Path work;

    @Test
    void theTemplateIsLintClean() throws Exception {
        Path cfnLint = onPath("cfn-lint");
        assumeTrue(cfnLint != null, "cfn-lint is not on the PATH: template.yaml not linted (pip install cfn-lint)");

        Result result = lint(cfnLint, TEMPLATE);

        assertEquals("", result.output, "cfn-lint reports on " + TEMPLATE);
        assertEquals(0, result.exit);
    }

    @Test
    void cfnLintWouldReportABrokenTemplate() throws Exception {
        Path cfnLint = onPath("cfn-lint");
        assumeTrue(cfnLint != null, "cfn-lint is not on the PATH: template.yaml not linted (pip install cfn-lint)");
        Path broken = work.resolve("template.yaml");
        Files.writeString(broken, Files.readString(TEMPLATE).replace("Runtime: java21", "Runtime: java99"));

        Result result = lint(cfnLint, broken);

        assertNotEquals(0, result.exit);
        assertTrue(result.output.contains("'java99' is not one of"), result.output);
    }

    private record Result(int exit, String output) { }

    private static Result lint(Path cfnLint, Path template) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(cfnLint.toString(), template.toString())
                .directory(template.getParent().toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "cfn-lint did not finish");
        return new Result(process.exitValue(), output.trim());
    }

    private static Path onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String directory : path.split(File.pathSeparator)) {
            Path candidate = Path.of(directory, command);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
