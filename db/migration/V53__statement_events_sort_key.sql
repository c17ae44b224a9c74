-- Event.statements lists an event's statements newest first. The order key lived only in statements, so
-- a page joined ALL of the event's statements and sorted them (9,654 for the benchmark corpus's most
-- cited event: ~19 ms of PostgreSQL CPU per page, bench Q4). statement_events now carries a copy of the
-- statement's key, coalesce(said_on, '-infinity') (the key of V10's statement indexes), so that an index
-- serves a page as a range scan. Triggers keep the copy equal to the statement's key: it is filled on
-- insert (whatever writes the link: ingest, import, the corpus loader's COPY) and follows a statement
-- whose said_on changes.
alter table statement_events add column said_on_key date;

update statement_events se
   set said_on_key = coalesce(s.said_on, '-infinity'::date)
  from statements s
 where s.id = se.statement_id;

alter table statement_events alter column said_on_key set not null;

create function statement_events_fill_said_on_key() returns trigger language plpgsql as $$
begin
    select coalesce(s.said_on, '-infinity'::date) into new.said_on_key from statements s where s.id = new.statement_id;
    if not found then
        -- no such statement: leave the error to the foreign key, which says so
        new.said_on_key := '-infinity'::date;
    end if;
    return new;
end
$$;

create trigger statement_events_said_on_key
    before insert or update of statement_id, said_on_key on statement_events
    for each row execute function statement_events_fill_said_on_key();

create function statements_copy_said_on_key() returns trigger language plpgsql as $$
begin
    update statement_events set said_on_key = coalesce(new.said_on, '-infinity'::date) where statement_id = new.id;
    return null;
end
$$;

create trigger statements_said_on_key
    after update of said_on on statements
    for each row when (old.said_on is distinct from new.said_on)
    execute function statements_copy_said_on_key();

-- Replaces statement_events_event (event_id, statement_id): same leading column for the foreign key.
create index statement_events_event_keyset on statement_events (event_id, said_on_key desc, statement_id desc);
drop index statement_events_event;
