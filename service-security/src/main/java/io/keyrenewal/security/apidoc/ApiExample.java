package io.keyrenewal.security.apidoc;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Examples of the endpoint's request body and successful answer for its API description, with the status and media
 * type the endpoint really answers where springdoc cannot see them (a {@code ResponseEntity} that sets them at run
 * time). A JSON example must be valid JSON: the description is not served otherwise.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ApiExample {

    /** The successful answer's body; empty for an answer without one. */
    String response();

    /** The successful answer's status, where it is not 200 (e.g. 201 with {@code Location}, 202). */
    int status() default 200;

    /** The successful answer's media type, where springdoc cannot infer it; empty keeps what it inferred. */
    String mediaType() default "";

    /** The request body; empty for an endpoint without one. */
    String request() default "";

    /** The request body's media type, where springdoc cannot infer it; empty keeps what it inferred. */
    String requestMediaType() default "";
}
