package dev.applog;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import dev.applog.delivery.Event;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The library's packages only point down (see ARCHITECTURE.md): three layers, from the top {@code dev.applog.lambda}
 * (the aspect, the invocation, settings resolution) over {@code dev.applog.bridge}, then {@code dev.applog} (the logger
 * and its formats), then {@code dev.applog.delivery} (buffering, batching, the transports, the fallback, and what
 * every layer shares: the threads, the environment). The core reaches the running invocation through
 * {@link InvocationHook} only.
 */
class LayersTest {

    /** The library's own classes as compiled (not the other modules' {@code dev.applog.*} on the test classpath). */
    private static final JavaClasses LIBRARY = new ClassFileImporter().importPath(classesDirectory());

    private static Path classesDirectory() {
        try {
            return Path.of(InvocationHook.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Each package one slice, the root package {@code dev.applog} included. */
    private static final SliceAssignment PACKAGES = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass type) {
            return type.getPackageName().startsWith("dev.applog") ? SliceIdentifier.of(type.getPackageName())
                    : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() { return "the library's packages"; }
    };

    @Test
    void noCycleBetweenTheLibrarysPackages() {
        slices().assignedFrom(PACKAGES).should().beFreeOfCycles().check(LIBRARY);
    }

    /** No layer uses one above it; the top layer's two packages: the bridges do not know the Lambda part. */
    @Test
    void eachLayerUsesOnlyTheLayersBelowIt() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Lambda part").definedBy("dev.applog.lambda..")
                .layer("Bridges").definedBy("dev.applog.bridge..")
                .layer("Logger").definedBy("dev.applog")
                .layer("Delivery").definedBy("dev.applog.delivery..")
                .whereLayer("Lambda part").mayNotBeAccessedByAnyLayer()
                .whereLayer("Bridges").mayOnlyBeAccessedByLayers("Lambda part")
                .whereLayer("Logger").mayOnlyBeAccessedByLayers("Lambda part", "Bridges")
                .whereLayer("Delivery").mayOnlyBeAccessedByLayers("Lambda part", "Bridges", "Logger")
                .check(LIBRARY);
    }

    @Test
    void onlyTheTransportsKnowTheSdksTypes() {
        // LoggerConfig and DeliveryConfig: the clientSupplier setting hands the SDK transport a client of the caller's
        // own; LightLogsTransport: the light transport, built on the SDK's signer, credential providers and HTTP client;
        // TlsPriming: runs the transports' HTTP client and the SDK's credentials code before a SnapStart checkpoint
        noClasses().that().resideInAPackage("dev.applog..")
                .and().haveNameNotMatching("dev\\.applog\\.delivery\\.(SdkTransport|SdkClients|DryRunHttpClient"
                        + "|LightLogsTransport|DeliveryConfig|TlsPriming)(\\$.*)?")
                .and().haveNameNotMatching("dev\\.applog\\.LoggerConfig(\\$.*)?")
                .should().dependOnClassesThat().resideInAnyPackage("software.amazon.awssdk..")
                .check(LIBRARY);
    }

    /** One event class on the hot path, so that delivery's calls of {@link Event#text()} stay monomorphic. */
    @Test
    void theLoggersEventIsTheOnlyKindOfEventDeliverySees() {
        classes().that().areAssignableTo(Event.class)
                .should().haveNameMatching("dev\\.applog\\.(delivery\\.Event|LogEvent)")
                .check(LIBRARY);
    }
}
