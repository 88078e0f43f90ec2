-- What a renewal renews, as its events say it (RenewalStarted.newKeyPair, or PartnerCertificateRequested): the
-- tenant's key pair or the partner's certificate. Nullable: renewals remembered before, or by an instance of the
-- earlier version still running during a rolling upgrade, have none, and JdbcKnownRenewals reads those as renewals
-- of the tenant's key pair.
ALTER TABLE known_renewal ADD COLUMN IF NOT EXISTS renewed_key VARCHAR(32);
