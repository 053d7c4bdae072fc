-- Recipients: holds per recipient and the entries of batch (daily file) recipients.
--
-- delivery_hold: a record held for one recipient (a field it requires is missing, or it answered NACK),
-- at most one per source record and recipient; a corrected version (same force, system and source
-- record id, higher version) releases it. What happened is on the journeys of both messages.
create table delivery_hold (
    recipient         varchar(64)  not null,
    force_code        varchar(64)  not null,
    system_id         varchar(64)  not null,
    source_record_id  varchar(200) not null,
    source_version    integer,
    message_id        varchar(36)  not null,
    reason            text         not null,
    held_at           timestamp with time zone not null,
    primary key (recipient, force_code, system_id, source_record_id)
);

-- batch_entry: what a batch recipient (a daily file) will be given, kept durable between the record's
-- arrival and the scheduled file; file_name is set once a file covers it. rows_json holds only what the
-- recipient's allow-list and outbound mapping produced (for home-office-stats: no personal data).
create table batch_entry (
    recipient         varchar(64)  not null,
    message_id        varchar(36)  not null,
    force_code        varchar(64)  not null,
    system_id         varchar(64)  not null,
    source_record_id  varchar(200) not null,
    source_version    integer,
    received_at       timestamp with time zone not null,
    rows_json         text         not null,
    file_name         varchar(200),
    primary key (recipient, message_id)
);
create index batch_entry_pending on batch_entry (recipient, file_name);
create index batch_entry_source on batch_entry (recipient, force_code, system_id, source_record_id);
