-- The aliases whose change keystore.aliases.v1 has not carried yet (AliasOutbox): one row per alias, the alias row's
-- version and time of the change it announces, written in the transaction that writes the alias's row, so no change
-- is lost when Kafka is away; the publisher deletes a row once Kafka acknowledged its record, only if no newer change
-- came meanwhile. kind is what the alias holds (KEY_PAIR, PARTNER_CERTIFICATE), kept here because an alias that no
-- longer holds any entry still has one.

CREATE TABLE IF NOT EXISTS alias_outbox (
    alias      VARCHAR(64) NOT NULL PRIMARY KEY,
    version    BIGINT      NOT NULL,
    kind       VARCHAR(30) NOT NULL,
    changed_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX IF NOT EXISTS alias_outbox_by_change ON alias_outbox (changed_at, alias);

-- every alias of an existing keystore is published once after the upgrade (a row never written, version 0, is an
-- alias whose first change was refused: nothing to publish)
INSERT INTO alias_outbox (alias, version, kind, changed_at)
SELECT a.alias, a.version,
       COALESCE((SELECT MIN(e.entry_type) FROM keystore_entry e WHERE e.alias = a.alias), 'KEY_PAIR'),
       a.changed_at
FROM keystore_alias a
WHERE a.version > 0
  AND NOT EXISTS (SELECT 1 FROM alias_outbox o WHERE o.alias = a.alias);
