-- The position of the last event folded into each view, so a rebuild never overwrites a newer live update.
alter table renewal_view add column last_sequence bigint;
