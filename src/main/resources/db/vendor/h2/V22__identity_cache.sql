-- H2 only (db/vendor/h2). H2 writes an identity column's sequence back to the database every CACHE
-- values (32 by default), and with WRITE_DELAY=0 that is a commit storing the database file's changed
-- pages: with some eleven events and delivery rows per record, a store every third record, a quarter of
-- the journey writer's time. A thousand at a time; values cached and not used when the hub stops are
-- skipped, which the ids allow (they order rows of the same instant, nothing else).
alter table journey_event alter column event_id set cache 1000;
alter table delivery_log alter column delivery_id set cache 1000;
alter table access_log alter column access_id set cache 1000;
alter table operator_audit alter column audit_id set cache 1000;
