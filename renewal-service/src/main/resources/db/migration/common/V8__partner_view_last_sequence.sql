-- the sequence number of the partner event a partner's entry was last written from, so that a read-model rebuild
-- never overwrites a newer entry the live projection wrote meanwhile
alter table partner_view add column last_sequence bigint;
