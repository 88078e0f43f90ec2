-- The read model follows every playbook: state, the steps done, the steps awaited and who must take them.
alter table renewal_view add column state varchar(32);
alter table renewal_view add column exchange_approval varchar(32);
alter table renewal_view add column done_steps varchar(2000);
alter table renewal_view add column awaiting varchar(1000);
alter table renewal_view add column last_step varchar(64);
alter table renewal_view add column downtime_window_start timestamp(6) with time zone;
alter table renewal_view add column downtime_window_end timestamp(6) with time zone;
alter table renewal_view add column actual_downtime varchar(64);
alter table renewal_view drop column step;
update renewal_view set state = case when completed_at is null then 'OPEN' else 'COMPLETED' end;
create index renewal_view_state_idx on renewal_view (state);
create index renewal_view_partner_idx on renewal_view (partner_id);
create index renewal_view_alias_idx on renewal_view (alias);

-- One open renewal per alias: the start of a renewal claims its alias in the same transaction; the end frees it.
create table open_renewal_alias (
    alias varchar(64) not null,
    renewal_id varchar(64) not null,
    primary key (alias));
insert into open_renewal_alias (alias, renewal_id) select alias, renewal_id from renewal_view where state = 'OPEN';
