-- The expiry watch's messages to the tenant administrator (alias.watch.v1) are about an alias of the tenant keystore:
-- they name a renewal and a partner only where there is one (PartnerNotification.alias, renewalId and partnerId). The
-- alias is kept with each delivery so that GET /notifications?alias= lists them; null in rows from before, composed
-- for a renewal (those are listed by renewal). During a rolling upgrade an instance of the earlier version cannot read
-- a message without a renewal: its claim of a batch holding one fails and is rolled back, and an instance of this
-- version sends it.
ALTER TABLE partner_message ALTER COLUMN renewal_id DROP NOT NULL;
ALTER TABLE notification_delivery ALTER COLUMN renewal_id DROP NOT NULL;
ALTER TABLE notification_delivery ALTER COLUMN partner_id DROP NOT NULL;
ALTER TABLE notification_delivery ADD COLUMN IF NOT EXISTS alias VARCHAR(255);
CREATE INDEX IF NOT EXISTS notification_delivery_by_alias ON notification_delivery (alias);
