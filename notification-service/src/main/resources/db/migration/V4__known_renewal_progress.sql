-- What the tenant does with the partner's certificate a renewal replaces (RenewalStarted.partnerCertificateUse, or
-- PartnerCertificateRequested.use): VERIFY_SIGNATURES or ENCRYPT_TO_PARTNER; null for a renewal of the tenant's key
-- pair. And what the renewal went through that later messages depend on: the end of the downtime window agreed
-- (DowntimeAgreed) and when the tenant's key pair was exchanged (KeyPairExchanged). All nullable: renewals remembered
-- before, or by an instance of the earlier version still running during a rolling upgrade, have none, and
-- JdbcKnownRenewals reads a renewal of the partner's certificate without a use as one the tenant verifies with.
ALTER TABLE known_renewal ADD COLUMN IF NOT EXISTS partner_certificate_use VARCHAR(32);
ALTER TABLE known_renewal ADD COLUMN IF NOT EXISTS downtime_until TIMESTAMP WITH TIME ZONE;
ALTER TABLE known_renewal ADD COLUMN IF NOT EXISTS key_pair_exchanged_at TIMESTAMP WITH TIME ZONE;
