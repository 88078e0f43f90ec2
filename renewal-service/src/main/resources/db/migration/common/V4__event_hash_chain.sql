-- Tamper evidence: per aggregate (renewal, partner), each stored event's hash covers the previous hash and the event.
create table event_chain (
    aggregate_identifier varchar(255) not null,
    sequence_number bigint not null,
    event_identifier varchar(255) not null,
    previous_hash varchar(64) not null,
    hash varchar(64) not null,
    primary key (aggregate_identifier, sequence_number));
