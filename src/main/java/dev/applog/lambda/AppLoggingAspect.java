package dev.applog.lambda;

import dev.applog.CallSites;
import java.lang.reflect.Method;
import org.aspectj.lang.JoinPoint;
import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.Signature;
import org.aspectj.lang.annotation.After;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;
import org.aspectj.lang.annotation.Before;
import org.aspectj.lang.reflect.ConstructorSignature;
import org.aspectj.lang.reflect.InitializerSignature;
import org.aspectj.lang.reflect.MethodSignature;

/**
 * Weaves {@link dev.applog.AppLogging} into handler methods. Written in annotation style and compiled by
 * javac, so that the AspectJ weavers users have can read it; everything it does is in {@link LambdaLogging}.
 */
@Aspect
public class AppLoggingAspect {

    @Around("execution(@dev.applog.AppLogging * *(..))")
    public Object aroundHandler(ProceedingJoinPoint joinPoint) throws Throwable {
        Method method = ((MethodSignature) joinPoint.getSignature()).getMethod();
        // a stream handler's streams may be replaced in args (its input read once, handed on whole)
        Object[] args = joinPoint.getArgs();
        return LambdaLogging.shared().runAnnotated(method, joinPoint.getThis(), args, () -> joinPoint.proceed(args));
    }

    /** A call, in code the user's build wove, to a method of an {@code AppLogger} that logs an event. */
    private static final String LOG_CALL = "(call(* dev.applog.AppLogger+.log(..)) || call(* dev.applog.AppLogger+.debug(..))"
            + " || call(* dev.applog.AppLogger+.info(..)) || call(* dev.applog.AppLogger+.warning(..))"
            + " || call(* dev.applog.AppLogger+.error(..)) || call(* dev.applog.AppLogger+.critical(..))"
            + " || call(* dev.applog.AppLogger+.exception(..)))"
            + " && !within(dev.applog.*) && !within(dev.applog.lambda.*) && !within(dev.applog.bridge.*)";

    /**
     * Names the calling method for the formats that show it ({@code {caller}}, e.g. {@code #standard}): known when the
     * class was woven, so the logger does not walk the stack for it. A few nanoseconds per log call.
     */
    @Before(LOG_CALL)
    public void beforeLogCall(JoinPoint.EnclosingStaticPart site) {
        CallSites.enter(methodName(site));
    }

    /** The name a stack frame of that method has: {@code <init>} for a constructor, {@code <clinit>} for a static initializer. */
    static String methodName(JoinPoint.StaticPart site) {
        Signature signature = site.getSignature();
        if (signature instanceof ConstructorSignature) {
            return "<init>";
        }
        if (signature instanceof InitializerSignature) {
            return "<clinit>";
        }
        return signature.getName();
    }

    @After(LOG_CALL)
    public void afterLogCall() {
        CallSites.leave();
    }

    /**
     * Lambda's runtime loads and initializes the handler class in the init phase: the loggers of its annotated
     * methods (and the SDK client) start being built then, not at the first log call. Handlers that implement
     * neither interface (plain methods named in the function's handler setting) start at their first invocation.
     */
    @After("staticinitialization(com.amazonaws.services.lambda.runtime.RequestHandler+)"
            + " || staticinitialization(com.amazonaws.services.lambda.runtime.RequestStreamHandler+)")
    public void afterHandlerClassInitialized(JoinPoint.StaticPart joinPoint) {
        LambdaLogging.prepare(joinPoint.getSignature().getDeclaringType());
    }
}
