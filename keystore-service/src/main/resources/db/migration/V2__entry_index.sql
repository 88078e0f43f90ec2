-- The index of the keystore's entries (EntryIndex): the public part of each entry, one row per entry, written in the
-- transaction that writes its alias's PKCS#12 (keystore_alias), so GET /keystore/entries answers without opening a
-- PKCS#12. No key material: the certificate (DER) and what the listing shows of it. retained_until is the ISO-8601
-- instant as the entry's PKCS#12 bag attribute has it (nanoseconds: a timestamp column would cut them).

CREATE TABLE IF NOT EXISTS keystore_entry (
    alias              VARCHAR(64)   NOT NULL,
    entry_name         VARCHAR(200)  NOT NULL,
    state              VARCHAR(20)   NOT NULL,
    certificate_sha256 CHAR(64)      NOT NULL,
    serial_number      VARCHAR(100)  NOT NULL,
    subject            VARCHAR(4000) NOT NULL,
    issuer             VARCHAR(4000) NOT NULL,
    not_before         TIMESTAMP WITH TIME ZONE NOT NULL,
    not_after          TIMESTAMP WITH TIME ZONE NOT NULL,
    retained_until     VARCHAR(40),
    certificate        BYTEA         NOT NULL,
    PRIMARY KEY (alias, entry_name)
);

CREATE INDEX IF NOT EXISTS keystore_entry_by_state ON keystore_entry (state, alias, entry_name);

-- the version of the alias's row that keystore_entry shows; NULL (rows written before the index) or behind (written
-- by an instance of an earlier version): the service indexes the alias again when it starts
ALTER TABLE keystore_alias ADD COLUMN IF NOT EXISTS indexed_version BIGINT;
