-- Read model of the partner directory: the latest entry of each partner as JSON (the contract's form).
create table partner_view (
    partner_id varchar(64) not null,
    entry varchar(8000) not null,
    primary key (partner_id));
