package io.keyrenewal.renewal.audit;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The auditor's checks of the history. */
@RestController
@RequestMapping("/audit")
public class AuditController {

    private final ChainVerification verification;

    public AuditController(ChainVerification verification) {
        this.verification = verification;
    }

    /** Verifies the hash chain of one renewal ({@code renewalId}) or of the whole store. */
    @GetMapping("/verification")
    public ChainVerification.Result verify(@RequestParam(required = false) String renewalId) {
        return verification.verify(renewalId);
    }
}
