-- The renewal-service schema: Axon's JPA event store (events, snapshots, tokens, sagas, dead letters), the renewal
-- read model and db-scheduler's table of persistent deadlines. Generated from the entity mappings by Hibernate
-- for this database, then kept here; the service starts with ddl-auto=validate, so a mapping that drifts from it fails
-- at start.

create sequence association_value_entry_seq start with 1 increment by 50;
create sequence domain_event_entry_seq start with 1 increment by 1;
create table association_value_entry (
    id bigint not null,
    association_key varchar(255) not null,
    association_value varchar(255),
    saga_id varchar(255) not null,
    saga_type varchar(255),
    primary key (id));
create table dead_letter_entry (
    enqueued_at timestamp(6) with time zone not null,
    last_touched timestamp(6) with time zone,
    processing_started timestamp(6) with time zone,
    sequence_index bigint not null,
    sequence_number bigint,
    cause_message varchar(1023),
    diagnostics bytea,
    meta_data bytea,
    payload bytea not null,
    token bytea,
    aggregate_identifier varchar(255),
    cause_type varchar(255),
    dead_letter_id varchar(255) not null,
    event_identifier varchar(255) not null,
    message_type varchar(255) not null,
    payload_revision varchar(255),
    payload_type varchar(255) not null,
    processing_group varchar(255) not null,
    sequence_identifier varchar(255) not null,
    time_stamp varchar(255) not null,
    token_type varchar(255),
    type varchar(255),
    primary key (dead_letter_id),
    unique (processing_group,
    sequence_identifier,
    sequence_index));
create table domain_event_entry (
    global_index bigint not null,
    sequence_number bigint not null,
    meta_data bytea,
    payload bytea not null,
    aggregate_identifier varchar(255) not null,
    event_identifier varchar(255) not null unique,
    payload_revision varchar(255),
    payload_type varchar(255) not null,
    time_stamp varchar(255) not null,
    type varchar(255),
    primary key (global_index),
    unique (aggregate_identifier,
    sequence_number));
create table renewal_view (
    completed_at timestamp(6) with time zone,
    new_certificate_not_after timestamp(6) with time zone,
    retain_old_key_until timestamp(6) with time zone,
    started_at timestamp(6) with time zone,
    updated_at timestamp(6) with time zone,
    renewal_id varchar(64) not null,
    last_keystore_failure varchar(2000),
    alias varchar(255),
    guaranteed_delivery_time varchar(255),
    key_algorithm varchar(255),
    new_certificate_serial varchar(255),
    new_certificate_sha256 varchar(255),
    next_actor varchar(255),
    old_certificate_serial varchar(255),
    old_certificate_sha256 varchar(255),
    partner_id varchar(255),
    playbook varchar(255),
    step varchar(255),
    primary key (renewal_id));
create table saga_entry (
    serialized_saga bytea,
    revision varchar(255),
    saga_id varchar(255) not null,
    saga_type varchar(255),
    primary key (saga_id));
create table snapshot_event_entry (
    sequence_number bigint not null,
    meta_data bytea,
    payload bytea not null,
    aggregate_identifier varchar(255) not null,
    event_identifier varchar(255) not null unique,
    payload_revision varchar(255),
    payload_type varchar(255) not null,
    time_stamp varchar(255) not null,
    type varchar(255) not null,
    primary key (sequence_number,
    aggregate_identifier,
    type));
create table token_entry (
    segment integer not null,
    token bytea,
    owner varchar(255),
    processor_name varchar(255) not null,
    timestamp varchar(255) not null,
    token_type varchar(255),
    primary key (segment,
    processor_name));
create index association_value_entry_saga_idx on association_value_entry (saga_type, association_key, association_value);
create index association_value_entry_saga_id_idx on association_value_entry (saga_id, saga_type);
create index dead_letter_entry_group_idx on dead_letter_entry (processing_group);
create index dead_letter_entry_sequence_idx on dead_letter_entry (processing_group, sequence_identifier);

-- db-scheduler (persistent deadlines)
create table scheduled_tasks (
    task_name text not null,
    task_instance text not null,
    task_data bytea,
    execution_time timestamp with time zone not null,
    picked boolean not null,
    picked_by text,
    last_success timestamp with time zone,
    last_failure timestamp with time zone,
    consecutive_failures int,
    last_heartbeat timestamp with time zone,
    version bigint not null,
    priority smallint,
    primary key (task_name,
    task_instance));
create index scheduled_tasks_execution_time_idx on scheduled_tasks (execution_time);
create index scheduled_tasks_last_heartbeat_idx on scheduled_tasks (last_heartbeat);
