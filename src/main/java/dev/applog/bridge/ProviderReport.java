package dev.applog.bridge;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The one diagnostic line naming the SLF4J provider that gets the function's SLF4J lines. Worked out from the
 * class path's provider registrations, as SLF4J 2 finds them (ServiceLoader: the first registration on the class
 * path wins, and Lambda puts the function's jars before the layer's), or from the {@code slf4j.provider} system
 * property, which SLF4J 2.0.9 and later honour first; without starting SLF4J, so that a function that does not
 * log through it pays nothing.
 */
final class ProviderReport {

    /** The provider the layer ships. */
    static final String OURS = "dev.applog.slf4j.AppLogServiceProvider";
    /**
     * Where providers register. The layer's build relocates strings that start with "org.slf4j" (the library's own
     * SLF4J), not this one (LayerZipIT checks the jar): the function's registrations are read by their real name.
     */
    private static final String REGISTRATIONS = "META-INF/services/org.slf4j.spi.SLF4JServiceProvider";

    private ProviderReport() {}

    /** The line, or null when no SLF4J provider is on the class path. */
    static String line(ClassLoader loader) {
        List<String> providers = providers(loader);
        String property = System.getProperty("slf4j.provider");
        if (providers.isEmpty() && property == null) {
            return null;
        }
        String oldApi = slf4jOneJar(loader);
        if (oldApi != null) {
            return "applog: the function's slf4j-api (" + oldApi + ") is 1.x, which does not look for SLF4J 2 providers:"
                    + " its SLF4J lines do not reach the application's stream. Fix: depend on org.slf4j:slf4j-api 2.0.x"
                    + " (the AWS SDK brings 1.7.36 when nothing else names a version)";
        }
        String chosen = property != null ? property : providers.get(0);
        String why = property != null ? "named by -Dslf4j.provider" : providers.size() == 1 ? "the only one on the class path"
                : "the first of " + providers + " on the class path; the function's jars come before the layer's";
        if (chosen.equals(OURS)) {
            return "applog: SLF4J provider " + chosen + " (" + why + "): SLF4J lines go to the application's stream";
        }
        return "applog: SLF4J provider " + chosen + " (" + why + "): SLF4J lines go where it sends them, not to the"
                + " application's stream" + (providers.contains(OURS) ? "; to send them there, set JAVA_TOOL_OPTIONS="
                + "-Dslf4j.provider=" + OURS : "");
    }

    /**
     * The jar of the first {@code org.slf4j.LoggerFactory} on the class path when it is SLF4J 1.x (no
     * {@code org.slf4j.spi.SLF4JServiceProvider} beside it), else null. The names are put together at run time:
     * the layer's build relocates literal "org/slf4j" paths (the library's own SLF4J).
     */
    static String slf4jOneJar(ClassLoader loader) {
        String folder = String.join("/", "org", "slf4j");
        URL factory = loader.getResource(folder + "/LoggerFactory.class");
        if (factory == null) {
            return null;
        }
        String text = factory.toString();
        String spi = text.substring(0, text.length() - "LoggerFactory.class".length()) + "spi/SLF4JServiceProvider.class";
        try (java.io.InputStream in = new URL(spi).openStream()) {
            return null;
        } catch (IOException | RuntimeException e) {
            int bang = text.indexOf("!/");
            return bang > 0 ? text.substring(text.lastIndexOf('/', bang) + 1, bang) : text;
        }
    }

    /** The provider classes registered on the class path, in its order. */
    static List<String> providers(ClassLoader loader) {
        List<String> found = new ArrayList<>();
        try {
            for (URL url : Collections.list(loader.getResources(REGISTRATIONS))) {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        int hash = line.indexOf('#');
                        String name = (hash >= 0 ? line.substring(0, hash) : line).trim();
                        if (!name.isEmpty() && !found.contains(name)) {
                            found.add(name);
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // a class path that cannot be read: nothing to report
        }
        return found;
    }
}
