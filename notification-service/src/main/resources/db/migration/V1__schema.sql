-- The schema, applied by Flyway (one instance at a time, under its lock: several instances start at once on one
-- PostgreSQL). IF NOT EXISTS everywhere: a database that the schema.sql of earlier versions created is baselined at
-- version 0 and this script completes it.

CREATE TABLE IF NOT EXISTS known_renewal (
    renewal_id VARCHAR(255) PRIMARY KEY,
    partner_id VARCHAR(64)  NOT NULL,
    alias      VARCHAR(255) NOT NULL,
    playbook   VARCHAR(64)  NOT NULL,
    started_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- the contact book: the latest partner.directory.v1 entry of each partner
CREATE TABLE IF NOT EXISTS partner_contact (
    partner_id VARCHAR(64)     PRIMARY KEY,
    entry_json VARCHAR(100000) NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- replaced by partner_message + notification_delivery (one row per channel)
DROP TABLE IF EXISTS partner_notification_delivery;

-- every message as composed once: the PartnerNotification and its HTML rendering
CREATE TABLE IF NOT EXISTS partner_message (
    notification_id   VARCHAR(400)     PRIMARY KEY,
    renewal_id        VARCHAR(255)     NOT NULL,
    notification_json VARCHAR(1000000) NOT NULL,
    html              VARCHAR(1000000) NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL
);

-- the delivery log and outbox: one row per (message, channel)
CREATE TABLE IF NOT EXISTS notification_delivery (
    notification_id VARCHAR(400)  NOT NULL,
    channel         VARCHAR(16)   NOT NULL,
    address         VARCHAR(2000) NOT NULL,
    renewal_id      VARCHAR(255)  NOT NULL,
    partner_id      VARCHAR(64)   NOT NULL,
    recipient       VARCHAR(32)   NOT NULL,
    kind            VARCHAR(32)   NOT NULL,
    status          VARCHAR(16)   NOT NULL,
    attempts        INTEGER       NOT NULL,
    last_error      VARCHAR(2000),
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    sent_at         TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (notification_id, channel)
);

-- the claim that holds a SENDING delivery (a random id per claimed batch)
ALTER TABLE notification_delivery ADD COLUMN IF NOT EXISTS claim VARCHAR(36);

CREATE INDEX IF NOT EXISTS notification_delivery_by_renewal ON notification_delivery (renewal_id);
CREATE INDEX IF NOT EXISTS notification_delivery_due ON notification_delivery (status, next_attempt_at);
