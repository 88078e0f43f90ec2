package io.keyrenewal.contracts.renewal;

/** Whether the tenant administrator approves the exchange (the default) or the system takes each tenant step itself. */
public enum ExchangeApproval {
    /** The exchange waits for the tenant administrator's approval once the playbook allows it. */
    TENANT_APPROVES,
    /** The system takes each tenant step as soon as the playbook allows it. */
    AUTOMATIC
}
