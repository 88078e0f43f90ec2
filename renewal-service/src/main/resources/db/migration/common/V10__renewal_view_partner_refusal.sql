-- A partner's refusal of its awaited step: which step, by whom, why (reason and optional code), when; cleared when
-- the partner confirms the step after all.
alter table renewal_view add column refused_step varchar(64);
alter table renewal_view add column refused_by varchar(255);
alter table renewal_view add column refusal_reason varchar(1000);
alter table renewal_view add column refusal_code varchar(64);
alter table renewal_view add column refused_at timestamp(6) with time zone;
