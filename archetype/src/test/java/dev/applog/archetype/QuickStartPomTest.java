package dev.applog.archetype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * One source of truth for a function project's pom: the README's quick start shows the pom the archetype
 * generates (for groupId com.example, artifactId my-function), and its weaving block is the sample shop's.
 */
class QuickStartPomTest {

    private static final Path ROOT = Path.of(System.getProperty("applog.root", "..")).toAbsolutePath().normalize();
    private static final Path TEMPLATE = Path.of(System.getProperty("archetype.resources",
            "src/main/resources/archetype-resources")).resolve("pom.xml");

    /** The archetype's pom as archetype:generate fills it in for the README's example values. */
    static String generatedPom() throws IOException {
        return Files.readString(TEMPLATE)
                .replace("${groupId}", "com.example")
                .replace("${artifactId}", "my-function")
                .replace("${version}", "1.0-SNAPSHOT")
                .replace("${applogVersion}", System.getProperty("applog.version", "0.1.0-SNAPSHOT"));
    }

    /** The first ```xml block after the README's "## Quick start" heading. */
    static String readmePom() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int section = readme.indexOf("\n## Quick start");
        assertTrue(section >= 0, "README.md has no '## Quick start' section");
        Matcher block = Pattern.compile("```xml\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertTrue(block.find(section), "README.md's quick start has no ```xml block");
        return block.group(1);
    }

    @Test
    void theReadmesPomIsTheArchetypesPom() throws IOException {
        assertEquals(generatedPom(), readmePom(),
                "README.md's quick-start pom differs from archetype/src/main/resources/archetype-resources/pom.xml:"
                        + " change both (the README shows the archetype's pom for com.example:my-function)");
    }

    @Test
    void theWeavingBlockIsTheSampleShops() throws IOException {
        String examples = Files.readString(ROOT.resolve("examples/pom.xml"));
        assertEquals(aspectjPlugin(examples), aspectjPlugin(generatedPom()),
                "the aspectj-maven-plugin block of examples/pom.xml and of the archetype's pom differ");
    }

    /** The aspectj-maven-plugin's {@code <plugin>} element, one trimmed line per line. */
    private static String aspectjPlugin(String pom) {
        int artifact = pom.indexOf("<artifactId>aspectj-maven-plugin</artifactId>");
        assertTrue(artifact >= 0, "no aspectj-maven-plugin in\n" + pom);
        int start = pom.lastIndexOf("<plugin>", artifact);
        int end = pom.indexOf("</plugin>", artifact) + "</plugin>".length();
        return pom.substring(start, end).lines().map(String::trim).collect(Collectors.joining("\n"));
    }
}
