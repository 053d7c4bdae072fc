-- A record's field lineage (for each canonical field: source fields, rule, mapping) depends on its
-- mapping and on which fields it has, not on their values, so the records of a source share a few
-- lineages. Each distinct lineage is stored once under its SHA-256, and a record's row points at it;
-- rows written before keep their own copy in message_lineage.lineage. Lineage holds no personal data.
create table lineage_shape (
    shape_sha256  varchar(64)  primary key,
    lineage       text         not null
);
alter table message_lineage add column shape_sha256 varchar(64);
alter table message_lineage alter column lineage drop not null;
