-- Overdue flags: a partner step reminded or escalated, a downtime window overrun; cleared when the renewal moves on.
alter table renewal_view add column overdue boolean default false not null;
alter table renewal_view add column escalated boolean default false not null;
alter table renewal_view add column downtime_overrun boolean default false not null;
