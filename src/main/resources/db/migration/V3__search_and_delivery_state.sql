-- Search (ARCHITECTURE 3.5): results come newest first and are paged by the key (received_at,
-- message_id), so every filter has an index that ends in those two columns. A business key lookup
-- reads (key_value, message_id) from the index alone, then the message rows by primary key.

drop index business_key_value;
create index business_key_value on business_key (key_value, message_id);

drop index message_force_received;
create index message_force_received on message (force_code, received_at, message_id);
create index message_received on message (received_at, message_id);
create index message_type_received on message (record_type, received_at, message_id);
create index message_status_received on message (status, received_at, message_id);

-- Where each record stands with each recipient (PENDING, DELIVERED, FAILED, HELD), kept by the journey
-- writer from the journey events so that search can filter on it without reading every event.
create table delivery_state (
    message_id  varchar(36)  not null,
    recipient   varchar(64)  not null,
    status      varchar(16)  not null,
    at          timestamp with time zone not null,
    primary key (message_id, recipient)
);
create index delivery_state_status on delivery_state (status, message_id);
