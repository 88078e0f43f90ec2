package io.keyrenewal.renewal.web;

import io.keyrenewal.contracts.renewal.CertificateRequestRules;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** An X.500 distinguished name a certificate can have as its subject (null is valid: the keystore's default). */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = SubjectDistinguishedName.Check.class)
public @interface SubjectDistinguishedName {

    String message() default "must be an X.500 distinguished name, e.g. CN=acme-sign, O=Tenant AG, C=CH";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Says why the name is unusable, in the words of {@link CertificateRequestRules}. */
    class Check implements ConstraintValidator<SubjectDistinguishedName, String> {

        @Override
        public boolean isValid(String subjectDn, ConstraintValidatorContext context) {
            return CertificateRequestRules.subjectDnProblem(subjectDn).map(problem -> {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate(escaped(problem)).addConstraintViolation();
                return false;
            }).orElse(true);
        }

        /** The problem as literal text, not as a message template. */
        private static String escaped(String problem) {
            return problem.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
        }
    }
}
