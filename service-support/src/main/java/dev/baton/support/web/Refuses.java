package dev.baton.support.web;

import dev.baton.api.error.ErrorCode;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The refusals an operation can answer with beyond those every signed request can meet (bad input, a bad signature,
 * an unreachable store): {@link ProblemResponses} lists them in the OpenAPI description as problem+json answers,
 * by status, naming each code.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Refuses {
    ErrorCode[] value();
}
