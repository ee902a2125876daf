package dev.applog;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * For a function project's own unit tests: checks that the build wove the library's aspect into a handler.
 * A handler whose class was not woven still compiles and runs, but its {@code AppLogger} field stays null and
 * nothing it logs reaches CloudWatch Logs; one line in a unit test catches that at build time:
 *
 * <pre>{@code
 * @Test
 * void handlerIsWoven() {
 *     AppLogTesting.assertWoven(OrderHandler.class);
 * }
 * }</pre>
 */
public final class AppLogTesting {

    /** Where the failure points to: the troubleshooting page's entry for an unwoven handler. */
    static final String DOCS = "docs/troubleshooting.md#not-woven";

    private AppLogTesting() {}

    /**
     * Passes when every {@link AppLogging} method {@code handlerClass} declares was woven; otherwise throws an
     * {@link AssertionError} (what test frameworks report as a failure) naming the methods and the fix.
     *
     * <p>How it knows: the AspectJ weaver moves the body of each method it advises with an around advice into a
     * new static method named {@code <method>_aroundBody<n>}, whose last parameter is the join point; javac never
     * makes one. The class is only inspected, never initialized.
     *
     * @throws AssertionError when the class declares no {@code @AppLogging} method, or one was not woven
     */
    public static void assertWoven(Class<?> handlerClass) {
        if (handlerClass == null) {
            throw new AssertionError("AppLogTesting.assertWoven: the handler class is null");
        }
        Method[] declared = handlerClass.getDeclaredMethods();
        List<Method> annotated = new ArrayList<>();
        for (Method method : declared) {
            // javac copies a method's annotations onto its bridge methods; the weaver advises only the real one
            if (method.isAnnotationPresent(AppLogging.class) && !method.isBridge() && !method.isSynthetic()) {
                annotated.add(method);
            }
        }
        if (annotated.isEmpty()) {
            throw new AssertionError(handlerClass.getName() + " declares no method annotated @AppLogging, so there is"
                    + " nothing to weave: annotate the handler method (e.g. handleRequest) with @AppLogging(...), or"
                    + " pass the class that declares it");
        }
        List<String> unwoven = new ArrayList<>();
        for (Method method : annotated) {
            if (!hasAroundBody(method, declared)) {
                unwoven.add(describe(method));
            }
        }
        if (!unwoven.isEmpty()) {
            throw new AssertionError(handlerClass.getName() + " is not woven: " + String.join(", ", unwoven)
                    + (unwoven.size() == 1 ? " runs" : " run") + " without the applog aspect, so an AppLogger field"
                    + " stays null and AppLog.current() only prints to stdout. Weave it: add the aspectj-maven-plugin"
                    + " (goal compile) with dev.applog:applog as an <aspectLibrary> to the function's pom, as the"
                    + " README's quick start shows, and build with it (mvn package); see " + DOCS);
        }
    }

    private static boolean hasAroundBody(Method advised, Method[] declared) {
        String prefix = advised.getName() + "_aroundBody";
        List<Class<?>> expected = new ArrayList<>();
        if (!Modifier.isStatic(advised.getModifiers())) {
            expected.add(advised.getDeclaringClass());
        }
        expected.addAll(Arrays.asList(advised.getParameterTypes()));
        for (Method candidate : declared) {
            String name = candidate.getName();
            if (!name.startsWith(prefix) || !Modifier.isStatic(candidate.getModifiers())
                    || !name.substring(prefix.length()).chars().allMatch(Character::isDigit)) {
                continue;
            }
            Class<?>[] parameters = candidate.getParameterTypes();
            if (parameters.length == expected.size() + 1
                    && parameters[expected.size()].getName().equals("org.aspectj.lang.JoinPoint")
                    && Arrays.asList(parameters).subList(0, expected.size()).equals(expected)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Method method) {
        return method.getName() + Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName)
                .collect(Collectors.joining(", ", "(", ")"));
    }
}
