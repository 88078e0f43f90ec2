-- The partner administrator who acts in a renewal, as its events name it (from the playbook), instead of derived from
-- the playbook's name here. Renewals remembered before: their playbook's, as those renewals ran. The column stays
-- nullable: an instance of the earlier version still running during a rolling upgrade writes rows without it, which
-- JdbcKnownRenewals reads the same way.
ALTER TABLE known_renewal ADD COLUMN IF NOT EXISTS recipient VARCHAR(32);
UPDATE known_renewal SET recipient = CASE WHEN playbook = 'TENANT_DECRYPTS_OUTBOUND_RESPONSE'
    THEN 'RECEIVER_ADMINISTRATOR' ELSE 'SENDER_ADMINISTRATOR' END
WHERE recipient IS NULL;
