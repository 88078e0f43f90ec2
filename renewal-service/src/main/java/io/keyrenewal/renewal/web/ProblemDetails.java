package io.keyrenewal.renewal.web;

import io.keyrenewal.renewal.playbook.RenewalRefused;
import io.keyrenewal.renewal.playbook.TenantStepEvents;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.DatabindException;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every refusal of the REST API is an RFC 9457 problem detail that names the field or the rule. */
@RestControllerAdvice
public class ProblemDetails extends ResponseEntityExceptionHandler {

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException exception,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<Map<String, String>> errors = exception.getBindingResult().getFieldErrors().stream()
                .map(error -> Map.of("field", error.getField(),
                        "message", String.valueOf(error.getDefaultMessage())))
                .toList();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, errors.stream()
                .map(error -> error.get("field") + " " + error.get("message"))
                .collect(Collectors.joining("; ")));
        problem.setTitle("Invalid request");
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException exception,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        String detail = "the request body is not valid JSON for this endpoint";
        if (exception.getCause() instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            String field = databind.getPath().stream()
                    .map(reference -> reference.getPropertyName() != null ? reference.getPropertyName()
                            : "[" + reference.getIndex() + "]")
                    .collect(Collectors.joining("."));
            detail = field + " has an invalid value: " + databind.getOriginalMessage();
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
            problem.setTitle("Invalid request");
            problem.setProperty("errors", List.of(Map.of("field", field, "message", databind.getOriginalMessage())));
            return ResponseEntity.badRequest().body(problem);
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Invalid request");
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(RenewalController.InvalidStepRequest.class)
    public ProblemDetail invalidStep(RenewalController.InvalidStepRequest invalid) {
        return naming(HttpStatus.BAD_REQUEST, "Invalid request", invalid.getMessage(), invalid.problems,
                TenantStepEvents.ParameterProblem::field, TenantStepEvents.ParameterProblem::message);
    }

    /** A refusal that names each field it is about in {@code errors}, each a {@code field} and a {@code message}. */
    public static <T> ProblemDetail naming(HttpStatus status, String title, String detail, List<T> errors,
                                           Function<T, String> field, Function<T, String> message) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setProperty("errors", errors.stream()
                .map(error -> Map.of("field", field.apply(error), "message", message.apply(error))).toList());
        return problem;
    }

    @ExceptionHandler(RenewalRefused.class)
    public ProblemDetail refused(RenewalRefused refusal) {
        HttpStatus status = refusal instanceof RenewalRefused.InvalidRenewalRequest
                || refusal instanceof RenewalRefused.PlaybookNotSupported
                ? HttpStatus.UNPROCESSABLE_CONTENT : HttpStatus.CONFLICT;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, refusal.getMessage());
        problem.setTitle(refusal.getClass().getSimpleName());
        return problem;
    }

    @ExceptionHandler(io.keyrenewal.renewal.partner.PartnerController.UnknownPartner.class)
    public ProblemDetail unknownPartner(RuntimeException unknown) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, unknown.getMessage());
        problem.setTitle("Unknown partner");
        return problem;
    }

    @ExceptionHandler(IllegalArgumentException.class)
    public ProblemDetail invalid(IllegalArgumentException invalid) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, invalid.getMessage());
        problem.setTitle("Invalid request");
        return problem;
    }

    /** Another instance changed the renewal at the same moment, every time this one tried again (rare): ask again. */
    @ExceptionHandler(org.axonframework.modelling.command.ConcurrencyException.class)
    public ProblemDetail concurrentChange(RuntimeException concurrent) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "the renewal was changed at the"
                + " same moment by another request; nothing was changed by this one: send it again");
        problem.setTitle("Concurrent change");
        return problem;
    }

    @ExceptionHandler(RenewalController.ViewCatchingUp.class)
    public ProblemDetail catchingUp(RenewalController.ViewCatchingUp catchingUp) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                catchingUp.getMessage());
        problem.setTitle("View catching up");
        return problem;
    }

    @ExceptionHandler(RenewalController.UnknownRenewal.class)
    public ProblemDetail unknown(RenewalController.UnknownRenewal unknown) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, unknown.getMessage());
        problem.setTitle("Unknown renewal");
        return problem;
    }
}
