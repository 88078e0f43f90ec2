-- The alias inventory (GET /aliases): one row per alias of the tenant keystore, written by AliasInventoryProjection
-- from the expiry watch's events (the alias's current certificate, the nearest expiry tier reported for it) and from
-- the renewals of the alias (purpose, partner, the open and the last renewal). The certificate columns are null until
-- the keystore published the alias; the renewal columns until a renewal of the alias started.
create table alias_inventory (
    alias varchar(64) not null,
    kind varchar(32),
    sha256 varchar(64),
    subject varchar(4000),
    issuer varchar(4000),
    serial_number varchar(100),
    not_before timestamp(6) with time zone,
    not_after timestamp(6) with time zone,
    tier_reached integer,
    purpose varchar(64),
    partner_id varchar(64),
    open_renewal_id varchar(64),
    open_playbook varchar(64),
    open_started_at timestamp(6) with time zone,
    open_by_policy boolean not null default false,
    last_renewal_id varchar(64),
    last_playbook varchar(64),
    last_state varchar(32),
    last_ended_at timestamp(6) with time zone,
    primary key (alias));
-- the listing reads by days left; its filters; the end of a renewal finds its alias by the open renewal
create index alias_inventory_not_after_idx on alias_inventory (not_after, alias);
create index alias_inventory_partner_idx on alias_inventory (partner_id);
create index alias_inventory_purpose_idx on alias_inventory (purpose);
create index alias_inventory_open_renewal_idx on alias_inventory (open_renewal_id);
