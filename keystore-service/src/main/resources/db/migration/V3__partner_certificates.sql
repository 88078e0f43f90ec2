-- Partner certificates in the keystore: an alias holds either the tenant's key pairs or a partner's certificates
-- (trusted-certificate entries, no private key). The entry index and the entry history say which an entry is; the
-- rows written before are key pairs.

ALTER TABLE keystore_entry ADD COLUMN IF NOT EXISTS entry_type VARCHAR(30) DEFAULT 'KEY_PAIR' NOT NULL;

ALTER TABLE entry_history ADD COLUMN IF NOT EXISTS entry_type VARCHAR(30) DEFAULT 'KEY_PAIR' NOT NULL;
