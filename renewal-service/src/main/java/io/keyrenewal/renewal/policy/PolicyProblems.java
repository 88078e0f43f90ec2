package io.keyrenewal.renewal.policy;

import io.keyrenewal.renewal.web.ProblemDetails;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The policy endpoints' refusals as problem details: an invalid policy names each field, as a 400 does. */
@RestControllerAdvice
public class PolicyProblems {

    @ExceptionHandler(PolicyRefused.InvalidPolicy.class)
    public ProblemDetail invalid(PolicyRefused.InvalidPolicy invalid) {
        return ProblemDetails.naming(HttpStatus.UNPROCESSABLE_CONTENT, "InvalidPolicy", invalid.getMessage(),
                invalid.problems(), PolicyRules.Problem::field, PolicyRules.Problem::message);
    }

    @ExceptionHandler(PolicyRefused.NoPolicy.class)
    public ProblemDetail none(PolicyRefused.NoPolicy none) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, none.getMessage());
        problem.setTitle("Unknown policy");
        return problem;
    }
}
