-- The transactional outbox of live news (org.newsgraph.live): one row per change, written in the
-- transaction that made the change, in commit order. Subscriptions on every instance and the
-- Query.changes feed read it; PostgreSQL NOTIFY on channel newsgraph_changes only wakes the readers.
--
-- Commit order: newsgraph_publish_changes runs last in a writing transaction (just before its commit).
-- It takes one transaction-level advisory lock, so the positions it hands out (the highest so far plus
-- one, two, ...) are in the order the transactions commit: a reader that sees position n also sees every
-- position below n, and never later sees a smaller one appear. The lock is held from this call to the
-- end of the commit; NOTIFY serializes committing transactions the same way already.
create table change_log (
    position   bigint primary key,
    kind       text   not null check (kind in ('ARTICLE_CREATED', 'ARTICLE_UPDATED', 'ARTICLE_DELETED',
                                               'STATEMENT_ADDED', 'ACTOR_UPDATED', 'ACTOR_MERGED',
                                               'EVENT_CHANGED')),
    -- What changed: an article, statement, actor or event id (for ACTOR_MERGED the actor merged away).
    entity_id  bigint not null,
    -- STATEMENT_ADDED: the statement's article; ACTOR_MERGED: the actor kept.
    related_id bigint,
    changed_at timestamptz not null default clock_timestamp()
);

-- Pruning by age (newsgraph.live.retention) finds the oldest position to keep by time.
create index change_log_changed_at on change_log using brin (changed_at);

-- Publishes the changes of the calling transaction: the entities the write path names (kinds[i] of
-- ids[i], related[i]), each kept only if the database agrees (a savepoint rolled back may have undone
-- it), plus what follows from them: the statements an article gained in this transaction
-- (created_at = now(), the transaction's start) and the events of the article created or updated in it.
-- Returns the last position written (null when nothing was).
create function newsgraph_publish_changes(kinds text[], ids bigint[], related bigint[])
    returns bigint
    language plpgsql
as $$
declare
    last_position bigint;
    written bigint;
    -- One time for the whole transaction's changes: about when it commits (it commits right after this).
    published_at timestamptz := clock_timestamp();
begin
    perform pg_advisory_xact_lock(7366277310230491);
    select coalesce(max(position), 0) into last_position from change_log;
    with input as (
        select u.kind, u.entity_id, u.related_id, u.n
        from unnest(kinds, ids, related) with ordinality as u(kind, entity_id, related_id, n)),
    valid as (
        select i.* from input i
        where case
            when i.kind in ('ARTICLE_CREATED', 'ARTICLE_UPDATED')
                then exists (select 1 from articles a where a.id = i.entity_id)
            when i.kind = 'ARTICLE_DELETED' then not exists (select 1 from articles a where a.id = i.entity_id)
            when i.kind = 'ACTOR_UPDATED' then exists (select 1 from actors a where a.id = i.entity_id)
            when i.kind = 'ACTOR_MERGED' then not exists (select 1 from actors a where a.id = i.entity_id)
            when i.kind = 'EVENT_CHANGED' then exists (select 1 from events e where e.id = i.entity_id)
            else false end),
    expanded as (
        select v.n, 0 as part, 0::bigint as sub, v.kind, v.entity_id, v.related_id from valid v
        union all
        select v.n, 1, s.position, 'STATEMENT_ADDED', s.id, s.article_id
        from valid v join statements s on s.article_id = v.entity_id
        where v.kind in ('ARTICLE_CREATED', 'ARTICLE_UPDATED') and s.created_at = now()
        union all
        select v.n, 2, e.id, 'EVENT_CHANGED', e.id, null
        from valid v join article_events ae on ae.article_id = v.entity_id join events e on e.id = ae.event_id
        where v.kind in ('ARTICLE_CREATED', 'ARTICLE_UPDATED') and e.updated_at = now()),
    once as (
        select distinct on (kind, entity_id) * from expanded order by kind, entity_id, n, part, sub)
    insert into change_log (position, kind, entity_id, related_id, changed_at)
    select last_position + row_number() over (order by n, part, sub), kind, entity_id, related_id, published_at
    from once;
    get diagnostics written = row_count;
    if written = 0 then
        return null;
    end if;
    perform pg_notify('newsgraph_changes', (last_position + written)::text);
    return last_position + written;
end
$$;
