-- The rollups of new articles, added once per transaction, late (org.newsgraph.ingest.DeferredRollups).
--
-- The set-based insert of new articles (one statement for a batch's articles, statements, relays, mentions and
-- event links) fired the four insert triggers of the analytics rollups, which upserted the rollup rows at once and
-- kept them locked until commit: every ingestArticle that quotes a busy speaker on a busy day waited, through the
-- whole rest of the other's transaction (utterance linking, decisions, the change log), for that row. Now that
-- insert runs with newsgraph.defer_rollups = 'on' (this transaction only), the insert triggers leave those rows
-- alone, and analytics_add_articles adds the articles' statements to every rollup just before commit: the same
-- counts (what the triggers would have added, computed from the rows of those articles), each table's rows in key
-- order, locked only from there to the commit. Updates and deletes, and every other insert, keep the triggers.

-- Adds the statements of new articles (all their rows written since, none counted yet) to the rollups.
create function analytics_add_articles(article_ids bigint[]) returns void language plpgsql as $$
begin
    if coalesce(cardinality(article_ids), 0) = 0 then
        return;
    end if;
    perform analytics_apply_statements(array_agg(speaker_id), array_agg(said_on), array_agg(said_on_precision),
                                       array_agg(article_id), array_agg(1))
       from statements where article_id = any(article_ids);

    insert into analytics_event_speakers as r (event_id, speaker_id, statements)
    select se.event_id, s.speaker_id, count(*)
      from statements s join statement_events se on se.statement_id = s.id
     where s.article_id = any(article_ids)
     group by 1, 2 order by 1, 2
    on conflict (event_id, speaker_id) do update set statements = r.statements + excluded.statements;

    insert into analytics_actor_links as l (kind, speaker_id, other_id, statements)
    select 'MENTIONED', s.speaker_id, m.actor_id, count(*)
      from statements s join statement_mentions m on m.statement_id = s.id
     where s.article_id = any(article_ids)
     group by 2, 3 order by 2, 3
    on conflict (kind, speaker_id, other_id) do update set statements = l.statements + excluded.statements;

    -- A statement relayed twice by the same agency (two positions of its chain) counts once.
    insert into analytics_actor_links as l (kind, speaker_id, other_id, statements)
    select 'RELAYED', s.speaker_id, r.actor_id, count(distinct s.id)
      from statements s join statement_relays r on r.statement_id = s.id
     where s.article_id = any(article_ids)
     group by 2, 3 order by 2, 3
    on conflict (kind, speaker_id, other_id) do update set statements = l.statements + excluded.statements;
end
$$;

-- The articles of a transaction's deferred inserts so far, in insert order: adds those not added yet. How many were
-- added is a setting of the transaction, so a savepoint rolled back takes it back with the rollup rows it added.
create function analytics_add_pending(article_ids bigint[]) returns void language plpgsql as $$
declare
    added int := coalesce(nullif(current_setting('newsgraph.rollups_added', true), ''), '0')::int;
begin
    if coalesce(cardinality(article_ids), 0) > added then
        perform analytics_add_articles(article_ids[added + 1:]);
        perform set_config('newsgraph.rollups_added', cardinality(article_ids)::text, true);
    end if;
end
$$;

create function analytics_rollups_deferred() returns boolean language sql stable as $$
    select coalesce(current_setting('newsgraph.defer_rollups', true), '') = 'on'
$$;

create or replace function analytics_statements_inserted() returns trigger language plpgsql as $$
begin
    if analytics_rollups_deferred() then
        return null;
    end if;
    perform analytics_apply_statements(array_agg(speaker_id), array_agg(said_on), array_agg(said_on_precision),
                                       array_agg(article_id), array_agg(1))
       from new_rows;
    return null;
end
$$;

create or replace function analytics_statement_events_inserted() returns trigger language plpgsql as $$
begin
    if analytics_rollups_deferred() then
        return null;
    end if;
    insert into analytics_event_speakers as r (event_id, speaker_id, statements)
    select n.event_id, s.speaker_id, count(*)
      from new_rows n join statements s on s.id = n.statement_id
     group by 1, 2 order by 1, 2
    on conflict (event_id, speaker_id) do update set statements = r.statements + excluded.statements;
    return null;
end
$$;

create or replace function analytics_mentions_inserted() returns trigger language plpgsql as $$
begin
    if analytics_rollups_deferred() then
        return null;
    end if;
    insert into analytics_actor_links as l (kind, speaker_id, other_id, statements)
    select 'MENTIONED', s.speaker_id, n.actor_id, count(*)
      from new_rows n join statements s on s.id = n.statement_id group by 2, 3 order by 2, 3
    on conflict (kind, speaker_id, other_id) do update set statements = l.statements + excluded.statements;
    return null;
end
$$;

create or replace function analytics_relays_inserted() returns trigger language plpgsql as $$
begin
    if analytics_rollups_deferred() then
        return null;
    end if;
    insert into analytics_actor_links as l (kind, speaker_id, other_id, statements)
    select 'RELAYED', s.speaker_id, a.actor_id, count(*)
      from (select statement_id, actor_id, count(*) as added from new_rows group by 1, 2) a
      join statements s on s.id = a.statement_id
     where (select count(*) from statement_relays r
             where r.statement_id = a.statement_id and r.actor_id = a.actor_id) = a.added
     group by 2, 3 order by 2, 3
    on conflict (kind, speaker_id, other_id) do update set statements = l.statements + excluded.statements;
    return null;
end
$$;
