package dev.applog.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The source files of one benchmark function, as the harnesses compile them: the handlers' shared logic
 * ({@code src/shared}, class {@code work.Work}) and the variant's own folder of a section ({@code src/coldstart/bare},
 * {@code src/latency/applog}, ...).
 */
final class HandlerSources {

    private HandlerSources() {
    }

    /** The .java files of {@code src/shared} and of {@code section/variant}, each folder's in name order. */
    static List<String> of(Path section, String variant) throws IOException {
        List<String> files = new ArrayList<>();
        for (Path folder : List.of(section.resolveSibling("shared"), section.resolve(variant))) {
            try (Stream<Path> found = Files.walk(folder)) {
                found.filter(f -> f.toString().endsWith(".java")).sorted().forEach(f -> files.add(f.toString()));
            }
        }
        return files;
    }
}
