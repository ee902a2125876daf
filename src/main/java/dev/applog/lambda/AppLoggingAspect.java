package dev.applog.lambda;

import java.lang.reflect.Method;
import org.aspectj.lang.JoinPoint;
import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.After;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;
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
        return LambdaLogging.shared().runAnnotated(method, joinPoint.getThis(), joinPoint.getArgs(), joinPoint::proceed);
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
