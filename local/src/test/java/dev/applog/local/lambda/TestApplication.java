package dev.applog.local.lambda;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** The test application: src/test/resources/local-lambda's template and events, next to the built functions. */
public final class TestApplication {

    private TestApplication() {
    }

    /** Builds the functions and the layer, copies the template, events and env.json next to them. */
    public static synchronized Path prepare() throws IOException {
        TestFunctions.build();
        Path source = Path.of("src/test/resources/local-lambda");
        Path root = TestFunctions.ROOT;
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = root.resolve(source.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return root.resolve("template.yaml");
    }
}
