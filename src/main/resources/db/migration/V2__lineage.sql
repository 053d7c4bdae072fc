-- Field lineage of each accepted record: for every canonical field, the source field(s), the rule
-- (transform chain) and the mapping id and version that produced it, as a JSON array of
-- {field, source, rule, mapping}. One row per message, written in the same batches as its journey.
-- Runs unchanged on PostgreSQL and on H2 (in PostgreSQL mode).

create table message_lineage (
    message_id  varchar(36)  primary key,
    lineage     text         not null
);
