package io.keyrenewal.notification.web;

import io.keyrenewal.contracts.RenewalId;
import io.keyrenewal.notification.delivery.DeliveryLog;
import io.keyrenewal.notification.delivery.DeliveryRecord;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Read API of the delivery log: what was sent to whom for a renewal. */
@RestController
@RequestMapping("/notifications")
class NotificationsController {

    private final DeliveryLog deliveryLog;

    NotificationsController(DeliveryLog deliveryLog) {
        this.deliveryLog = deliveryLog;
    }

    @GetMapping
    List<DeliveryRecord> ofRenewal(@RequestParam(required = false) String renewalId) {
        if (renewalId == null || renewalId.isBlank()) {
            throw new RenewalIdMissing();
        }
        return deliveryLog.forRenewal(new RenewalId(renewalId));
    }

    @ExceptionHandler(RenewalIdMissing.class)
    ProblemDetail renewalIdMissing() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "Name the renewal whose notifications you want: GET /notifications?renewalId=<renewal id>");
        problem.setTitle("renewalId is required");
        return problem;
    }

    static class RenewalIdMissing extends RuntimeException {
        RenewalIdMissing() {
            super("renewalId is required");
        }
    }
}
