-- Read model of the renewal policies: each scope's policy as it stands (entry: the whole view as JSON), with the
-- columns the list filters on and the effective lookup reads. A removed policy keeps its row (removed, no purpose or
-- partner), so that a read-model rebuild never writes an older version over it; last_sequence is the sequence number
-- of the policy event the row was last written from.
create table renewal_policy_view (
    scope varchar(128) not null,
    purpose varchar(64),
    partner_id varchar(64),
    removed boolean not null,
    entry varchar(1000000) not null,
    last_sequence bigint not null,
    primary key (scope));
create index renewal_policy_view_purpose_idx on renewal_policy_view (purpose);
create index renewal_policy_view_partner_idx on renewal_policy_view (partner_id);
