-- Federated subject search log: every search (who, when, for which purpose, why, for whom), every force
-- system asked and what came of it, every record disclosed, and the subject keys each search can be
-- found by. It is the consultation and disclosure log of Data Protection Act 2018 s.62 for searches;
-- records that travel through the hub have their own views logged by the tracking store. Runs unchanged
-- on PostgreSQL and on H2 (in PostgreSQL mode).

create table subject_search (
    search_id     varchar(36)  primary key,
    started_at    timestamp with time zone not null,
    completed_at  timestamp with time zone,
    caller_kind   varchar(16)  not null,
    caller_id     varchar(100) not null,
    caller_force  varchar(64),
    purpose       varchar(64)  not null,
    reason        text         not null,
    subject       text         not null,
    asked         integer      not null,
    status        varchar(16)  not null
);
create index subject_search_started on subject_search (started_at);
create index subject_search_caller on subject_search (caller_force, started_at);

-- The keys a search is found by: those of its query (QUERY) and of every person in a disclosed record
-- (DISCLOSED), e.g. pnc:2008/0123456X, name:BRANNIGAN|CALLUM|1990-02-14.
create table subject_search_key (
    search_id  varchar(36)  not null,
    key_value  varchar(300) not null,
    origin     varchar(16)  not null,
    primary key (search_id, key_value)
);
create index subject_search_key_value on subject_search_key (key_value);

-- Each force system asked: ANSWERED, or the reason it is missing (TIMEOUT, DEADLINE, FAILED, UNREADABLE,
-- MISCONFIGURED) with the detail the searcher was shown.
create table subject_search_force (
    search_id   varchar(36)  not null,
    force_code  varchar(64)  not null,
    system_id   varchar(64)  not null,
    outcome     varchar(16)  not null,
    detail      varchar(500),
    returned    integer,
    disclosed   integer,
    elapsed_ms  bigint,
    primary key (search_id, force_code, system_id)
);

-- Each record disclosed to the searcher, by the force system's own record id.
create table subject_search_disclosure (
    search_id         varchar(36)  not null,
    force_code        varchar(64)  not null,
    system_id         varchar(64)  not null,
    record_type       varchar(32)  not null,
    source_record_id  varchar(200) not null,
    primary key (search_id, force_code, system_id, record_type, source_record_id)
);
create index subject_search_disclosure_record on subject_search_disclosure (force_code, source_record_id);
