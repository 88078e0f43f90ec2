package io.keyrenewal.keystore;

import io.keyrenewal.contracts.keystore.KeystoreReport;

/**
 * Where the keystore's reports go ({@code keystore.reports.v1}), for a report that does not answer a renewal event
 * as it arrives, e.g. the certificate an operator imported from a CA.
 */
public interface KeystoreReports {

    /**
     * Publishes {@code report} and returns once the broker acknowledged it.
     *
     * @throws ReportNotPublished if the broker did not take it; publishing it again is safe
     */
    void publish(KeystoreReport report);

    /** The broker did not acknowledge a report in time. */
    class ReportNotPublished extends RuntimeException {

        public ReportNotPublished(KeystoreReport report, Throwable cause) {
            super("report " + report.reportId() + " for renewal " + report.renewalId()
                    + " was not acknowledged by Kafka: " + cause.getMessage(), cause);
        }
    }
}
