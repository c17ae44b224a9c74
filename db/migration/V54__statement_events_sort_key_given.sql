-- V53's trigger looked up the statement of every new statement_events row (~7 % of the import's time).
-- The ingest's inserts that write a statement and its links in one SQL statement now give the key
-- themselves (from the statement row they just inserted); the look-up runs only for rows inserted without
-- it (other writers, the corpus loader's COPY). A key given with a row is checked by
-- SetBasedBatchTest/IngestServiceTest against the statements; an UPDATE still recomputes it.
drop trigger statement_events_said_on_key on statement_events;

create trigger statement_events_said_on_key_missing
    before insert on statement_events
    for each row when (new.said_on_key is null)
    execute function statement_events_fill_said_on_key();

create trigger statement_events_said_on_key_changed
    before update of statement_id, said_on_key on statement_events
    for each row execute function statement_events_fill_said_on_key();
