package dev.applog.lambda;

import java.lang.reflect.Method;
import org.aspectj.lang.ProceedingJoinPoint;
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
}
