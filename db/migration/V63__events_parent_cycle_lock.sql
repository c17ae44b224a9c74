-- The parent-cycle check of events (events_parent_cycle, migration what_news_reports_say) read the committed
-- parents only: two transactions that each set one parent (A inside B, B inside A) both passed it and made a
-- cycle. A change of parent now first takes a transaction-level advisory lock, so such changes run one after
-- the other; the check that follows (a new snapshot per statement under READ COMMITTED, the isolation the
-- application uses) sees the parent the other transaction committed and refuses the cycle. An INSERT needs no
-- lock: no other transaction can make the new row its parent before it commits. Only the rare updates of
-- parent_id wait for each other; the lock is released at commit or rollback.
create or replace function events_refuse_parent_cycle() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' and new.parent_id is distinct from old.parent_id then
        -- two-key form: a keyspace of its own (events' table OID, 1), apart from other advisory locks
        perform pg_advisory_xact_lock('public.events'::regclass::oid::integer, 1);
    end if;
    if new.parent_id is not null and exists (
            with recursive up (id) as (
                select new.parent_id
                union
                select e.parent_id from events e join up on e.id = up.id where e.parent_id is not null)
            select 1 from up where up.id = new.id) then
        raise exception 'event % cannot be inside event %, which is already inside it', new.id, new.parent_id
            using errcode = 'check_violation', constraint = 'events_parent_cycle';
    end if;
    return new;
end
$$;
