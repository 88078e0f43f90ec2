CREATE TABLE IF NOT EXISTS known_renewal (
    renewal_id VARCHAR(255) PRIMARY KEY,
    partner_id VARCHAR(64)  NOT NULL,
    alias      VARCHAR(255) NOT NULL,
    playbook   VARCHAR(64)  NOT NULL,
    started_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE IF NOT EXISTS partner_notification_delivery (
    notification_id VARCHAR(400) PRIMARY KEY,
    renewal_id      VARCHAR(255) NOT NULL,
    partner_id      VARCHAR(64)  NOT NULL,
    recipient       VARCHAR(32)  NOT NULL,
    kind            VARCHAR(32)  NOT NULL,
    channel         VARCHAR(16)  NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    attempts        INTEGER      NOT NULL,
    last_error      VARCHAR(2000),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    sent_at         TIMESTAMP WITH TIME ZONE
);

CREATE INDEX IF NOT EXISTS partner_notification_delivery_by_renewal
    ON partner_notification_delivery (renewal_id);
