-- The partner administrator who acts in a renewal, as its events name it (from the playbook), instead of derived from
-- the playbook's name here. Nullable: renewals remembered before, or by an instance of the earlier version still
-- running during a rolling upgrade, have none, and JdbcKnownRenewals reads those as their playbook had it.
ALTER TABLE known_renewal ADD COLUMN IF NOT EXISTS recipient VARCHAR(32);
