package io.keyrenewal.renewal.web;

import io.keyrenewal.security.apidoc.Refusal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A tenant step's refusals, for the API description: every step goes to the renewal and answers with its view. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Refusal(status = 404, title = "Unknown renewal", detail = "no renewal with id 7d1f3c52-9b1e-4c7a-8f0e-2a6b9d4e1c33")
@Refusal(status = 409, title = "StepNotAllowed", detail = "EXCHANGE_APPROVED is not allowed now: the renewal awaits"
        + " PARTNER_VERIFIES_BOTH (partner)")
@Refusal(status = 409, title = "RenewalClosed", detail = "renewal 7d1f3c52-9b1e-4c7a-8f0e-2a6b9d4e1c33 is COMPLETED")
@Refusal(status = 409, title = "Concurrent change", detail = "the renewal was changed at the same moment by another"
        + " request; nothing was changed by this one: send it again")
@Refusal(status = 503, title = "View catching up", detail = "the step was taken on renewal"
        + " 7d1f3c52-9b1e-4c7a-8f0e-2a6b9d4e1c33, whose view is still catching up: GET"
        + " /renewals/7d1f3c52-9b1e-4c7a-8f0e-2a6b9d4e1c33 again in a moment (sending the step again is answered 409"
        + " or changes nothing)")
@interface TenantStep {
}
