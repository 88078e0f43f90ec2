package io.keyrenewal.security.apidoc;

import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An {@code application/problem+json} answer the endpoint really gives (RFC 9457, Spring's {@code ProblemDetail}):
 * the API description shows it with this status, title and an example {@code detail}. Title and detail may name a
 * property ({@code ${name:default}}) where the answer is the service's own, for an endpoint several services share.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Repeatable(Refusal.List.class)
public @interface Refusal {

    int status();

    /** The problem's {@code title}, as the endpoint sets it; also the response's description. */
    String title();

    /** An example {@code detail}: what a person reads to act on the refusal. */
    String detail();

    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @interface List {
        Refusal[] value();
    }
}
