package dev.applog;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The library's packages only point down (see ARCHITECTURE.md): {@code dev.applog.lambda} (the aspect, the
 * invocation, settings resolution) on top, then {@code dev.applog.bridge}, then {@code dev.applog} (the logger, its
 * formats, delivery, the transport). The core reaches the running invocation through {@link InvocationHook} only.
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

    @Test
    void theCoreKnowsNeitherTheLambdaPartNorTheBridges() {
        noClasses().that().resideInAPackage("dev.applog")
                .should().dependOnClassesThat().resideInAnyPackage("dev.applog.lambda..", "dev.applog.bridge..")
                .check(LIBRARY);
    }

    @Test
    void theBridgesDoNotKnowTheLambdaPart() {
        noClasses().that().resideInAPackage("dev.applog.bridge..")
                .should().dependOnClassesThat().resideInAPackage("dev.applog.lambda..")
                .check(LIBRARY);
    }

    @Test
    void onlyTheSdkTransportAndTheClientFactoryKnowTheSdksServiceTypes() {
        // LoggerConfig: its clientSupplier setting hands the SDK transport a client of the caller's own;
        // LightLogsTransport: the light transport, built on the SDK's signer, credential providers and HTTP client;
        // TlsPriming: runs the transports' HTTP client and the SDK's credentials code before a SnapStart checkpoint
        noClasses().that().resideInAPackage("dev.applog")
                .and().doNotBelongToAnyOf(SdkTransport.class, SdkClients.class, DryRunHttpClient.class, LoggerConfig.class,
                        LightLogsTransport.class, TlsPriming.class)
                .should().dependOnClassesThat().resideInAnyPackage("software.amazon.awssdk..")
                .check(LIBRARY);
    }
}
