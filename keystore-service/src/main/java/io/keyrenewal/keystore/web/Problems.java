package io.keyrenewal.keystore.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** The API's refusals as RFC 9457 problem details: a status, a title, and the reason in {@code detail}. */
final class Problems {

    private Problems() {
    }

    static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
