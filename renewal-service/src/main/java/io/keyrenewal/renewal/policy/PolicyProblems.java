package io.keyrenewal.renewal.policy;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.Map;

/** The policy endpoints' refusals as problem details: an invalid policy names each field, as a 400 does. */
@RestControllerAdvice
public class PolicyProblems {

    @ExceptionHandler(PolicyRefused.InvalidPolicy.class)
    public ProblemDetail invalid(PolicyRefused.InvalidPolicy invalid) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                invalid.getMessage());
        problem.setTitle("InvalidPolicy");
        problem.setProperty("errors", invalid.problems().stream()
                .map(error -> Map.of("field", error.field(), "message", error.message())).toList());
        return problem;
    }

    @ExceptionHandler(PolicyRefused.NoPolicy.class)
    public ProblemDetail none(PolicyRefused.NoPolicy none) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, none.getMessage());
        problem.setTitle("Unknown policy");
        return problem;
    }
}
