-- News analytics (package org.newsgraph.analytics): date buckets that honour date precision, and rollup
-- tables that the analytics fields read instead of aggregating the statements of a whole corpus.
--
-- The bucket rule. A dated item (a statement said on a date with a precision, an event starting on one)
-- covers a period: its day, its week (7 days from the stored date, the first day of the period), its month
-- or its year. It counts in the bucket of a timeline or grouping (DAY, WEEK = ISO week from Monday, MONTH,
-- YEAR) only when its whole period lies inside one bucket; otherwise it is listed under its own period, with
-- its own precision ("datable to the week only"), never on a guessed day. Undated items are apart.
-- HOUR precision (a finer one) lies inside its day.

-- The last day of the period an item dated (d, precision) covers.
create function newsgraph_period_last_day(d date, prec text) returns date
    language sql immutable parallel safe
    as $$ select case prec
                    when 'WEEK' then d + 6
                    when 'MONTH' then (d + interval '1 month')::date - 1
                    when 'YEAR' then (d + interval '1 year')::date - 1
                    else d
                 end $$;

-- The start of the period an item falls in for a bucket ('day', 'week', 'month', 'year'): the bucket's
-- start when the item's period fits in it, else the item's own date; null when undated.
create function newsgraph_period_start(d date, prec text, bucket text) returns date
    language sql immutable parallel safe
    as $$ select case
                    when d is null then null
                    when date_trunc(bucket, d) = date_trunc(bucket, public.newsgraph_period_last_day(d, prec))
                        then date_trunc(bucket, d)::date
                    else d
                 end $$;

-- The precision of that period: the bucket's own (upper case) when the item fits, else the item's.
create function newsgraph_period_precision(d date, prec text, bucket text) returns text
    language sql immutable parallel safe
    as $$ select case
                    when d is null then null
                    when date_trunc(bucket, d) = date_trunc(bucket, public.newsgraph_period_last_day(d, prec))
                        then upper(bucket)
                    else coalesce(prec, 'DAY')
                 end $$;

-- Statements per speaker and date said (with its precision): any bucket of one speaker's timeline.
create table analytics_speaker_days (
    speaker_id         bigint not null,
    said_on            date,
    said_on_precision  text,
    statements         int    not null,
    unique nulls not distinct (speaker_id, said_on, said_on_precision)
);

-- Statements per speaker and month period (the bucket rule above): statementStats by speaker and month.
create table analytics_speaker_months (
    speaker_id        bigint not null,
    period_start      date,
    period_precision  text,
    statements        int    not null,
    unique nulls not distinct (speaker_id, period_start, period_precision)
);
create index analytics_speaker_months_count on analytics_speaker_months (statements desc, speaker_id, period_start);

-- Statements per speaker and article, with the article's publication day: an actor's coverage (articles
-- quoting it) over time, and who is reported by which outlet.
create table analytics_speaker_articles (
    speaker_id    bigint not null,
    article_id    bigint not null,
    published_on  date,
    statements    int    not null,
    primary key (speaker_id, article_id)
);
create index analytics_speaker_articles_day on analytics_speaker_articles (speaker_id, published_on);
create index analytics_speaker_articles_article on analytics_speaker_articles (article_id);

-- Statements per event and speaker: who is quoted on the same events (Actor.network).
create table analytics_event_speakers (
    event_id    bigint not null,
    speaker_id  bigint not null,
    statements  int    not null,
    primary key (event_id, speaker_id)
);
create index analytics_event_speakers_speaker on analytics_event_speakers (speaker_id, event_id);

-- A count drops to zero when its last statement goes; the maintenance deletes such rows at once (these
-- partial indexes find them without a scan).
create index analytics_speaker_days_empty on analytics_speaker_days (speaker_id) where statements <= 0;
create index analytics_speaker_months_empty on analytics_speaker_months (speaker_id) where statements <= 0;
create index analytics_speaker_articles_empty on analytics_speaker_articles (speaker_id) where statements <= 0;
create index analytics_event_speakers_empty on analytics_event_speakers (event_id) where statements <= 0;

-- Adds (sign 1) or removes (sign -1) statements, given as parallel arrays, to/from the statement rollups.
create function analytics_apply_statements(
        speakers bigint[], said_ons date[], precisions text[], article_ids bigint[], signs int[])
    returns void language plpgsql as $$
begin
    if coalesce(cardinality(speakers), 0) = 0 then
        return;
    end if;
    insert into analytics_speaker_days as r (speaker_id, said_on, said_on_precision, statements)
    select speaker_id, said_on, said_on_precision, sum(sign)
      from unnest(speakers, said_ons, precisions, article_ids, signs) as d(speaker_id, said_on, said_on_precision, article_id, sign) group by 1, 2, 3 having sum(sign) <> 0 order by 1, 2, 3
    on conflict (speaker_id, said_on, said_on_precision) do update set statements = r.statements + excluded.statements;

    insert into analytics_speaker_months as r (speaker_id, period_start, period_precision, statements)
    select speaker_id, newsgraph_period_start(said_on, said_on_precision, 'month'),
           newsgraph_period_precision(said_on, said_on_precision, 'month'), sum(sign)
      from unnest(speakers, said_ons, precisions, article_ids, signs) as d(speaker_id, said_on, said_on_precision, article_id, sign) group by 1, 2, 3 having sum(sign) <> 0 order by 1, 2, 3
    on conflict (speaker_id, period_start, period_precision) do update set statements = r.statements + excluded.statements;

    insert into analytics_speaker_articles as r (speaker_id, article_id, published_on, statements)
    select d.speaker_id, d.article_id, (min(a.published_at) at time zone 'UTC')::date, sum(d.sign)
      from unnest(speakers, said_ons, precisions, article_ids, signs) as d(speaker_id, said_on, said_on_precision, article_id, sign) left join articles a on a.id = d.article_id
     group by 1, 2 having sum(d.sign) <> 0 order by 1, 2
    on conflict (speaker_id, article_id) do update set statements = r.statements + excluded.statements;

    if -1 = any(signs) then
        delete from analytics_speaker_days where statements <= 0;
        delete from analytics_speaker_months where statements <= 0;
        delete from analytics_speaker_articles where statements <= 0;
    end if;
end
$$;

-- Recomputes the event rollup of some events from the base tables (after links or speakers changed).
create function analytics_recompute_events(event_ids bigint[]) returns void language plpgsql as $$
begin
    if coalesce(cardinality(event_ids), 0) = 0 then
        return;
    end if;
    delete from analytics_event_speakers where event_id = any(event_ids);
    insert into analytics_event_speakers (event_id, speaker_id, statements)
    select se.event_id, s.speaker_id, count(*)
      from statement_events se join statements s on s.id = se.statement_id
     where se.event_id = any(event_ids)
     group by 1, 2 order by 1, 2;
end
$$;

create function analytics_statements_inserted() returns trigger language plpgsql as $$
begin
    perform analytics_apply_statements(array_agg(speaker_id), array_agg(said_on), array_agg(said_on_precision),
                                       array_agg(article_id), array_agg(1))
       from new_rows;
    return null;
end
$$;

create function analytics_statements_deleted() returns trigger language plpgsql as $$
begin
    perform analytics_apply_statements(array_agg(speaker_id), array_agg(said_on), array_agg(said_on_precision),
                                       array_agg(article_id), array_agg(-1))
       from old_rows;
    return null;
end
$$;

-- Only rows whose speaker, date or article changed move; a changed speaker also moves the event rollup.
create function analytics_statements_updated() returns trigger language plpgsql as $$
begin
    perform analytics_apply_statements(array_agg(x.speaker_id), array_agg(x.said_on), array_agg(x.said_on_precision),
                                       array_agg(x.article_id), array_agg(x.sign))
       from (select o.speaker_id, o.said_on, o.said_on_precision, o.article_id, -1 as sign
               from old_rows o join new_rows n on n.id = o.id
              where (o.speaker_id, o.said_on, o.said_on_precision, o.article_id)
                    is distinct from (n.speaker_id, n.said_on, n.said_on_precision, n.article_id)
             union all
             select n.speaker_id, n.said_on, n.said_on_precision, n.article_id, 1
               from old_rows o join new_rows n on n.id = o.id
              where (o.speaker_id, o.said_on, o.said_on_precision, o.article_id)
                    is distinct from (n.speaker_id, n.said_on, n.said_on_precision, n.article_id)) x;
    perform analytics_recompute_events(array_agg(distinct se.event_id))
       from old_rows o join new_rows n on n.id = o.id join statement_events se on se.statement_id = n.id
      where o.speaker_id <> n.speaker_id;
    perform analytics_recompute_links('MENTIONED', array_agg(distinct m.actor_id))
       from old_rows o join new_rows n on n.id = o.id join statement_mentions m on m.statement_id = n.id
      where o.speaker_id <> n.speaker_id;
    perform analytics_recompute_links('RELAYED', array_agg(distinct r.actor_id))
       from old_rows o join new_rows n on n.id = o.id join statement_relays r on r.statement_id = n.id
      where o.speaker_id <> n.speaker_id;
    return null;
end
$$;

create trigger analytics_statements_inserted after insert on statements
    referencing new table as new_rows for each statement execute function analytics_statements_inserted();
create trigger analytics_statements_deleted after delete on statements
    referencing old table as old_rows for each statement execute function analytics_statements_deleted();
create trigger analytics_statements_updated after update on statements
    referencing old table as old_rows new table as new_rows
    for each statement execute function analytics_statements_updated();

-- New links add to the event rollup (their statements exist: a link needs its statement).
create function analytics_statement_events_inserted() returns trigger language plpgsql as $$
begin
    insert into analytics_event_speakers as r (event_id, speaker_id, statements)
    select n.event_id, s.speaker_id, count(*)
      from new_rows n join statements s on s.id = n.statement_id
     group by 1, 2 order by 1, 2
    on conflict (event_id, speaker_id) do update set statements = r.statements + excluded.statements;
    return null;
end
$$;

-- Removed links (also when their statement or event goes): the statement may be gone already, so the
-- events they touched are recomputed from what remains.
create function analytics_statement_events_changed() returns trigger language plpgsql as $$
begin
    perform analytics_recompute_events(array_agg(distinct event_id)) from old_rows;
    return null;
end
$$;

create function analytics_statement_events_updated() returns trigger language plpgsql as $$
begin
    perform analytics_recompute_events(array_agg(distinct event_id))
       from (select event_id from old_rows union select event_id from new_rows) e;
    return null;
end
$$;

create trigger analytics_statement_events_inserted after insert on statement_events
    referencing new table as new_rows for each statement execute function analytics_statement_events_inserted();
create trigger analytics_statement_events_deleted after delete on statement_events
    referencing old table as old_rows for each statement execute function analytics_statement_events_changed();
create trigger analytics_statement_events_updated after update on statement_events
    referencing old table as old_rows new table as new_rows
    for each statement execute function analytics_statement_events_updated();

-- An article's publication day is copied into the coverage rollup.
create function analytics_articles_published_changed() returns trigger language plpgsql as $$
begin
    update analytics_speaker_articles r set published_on = (n.published_at at time zone 'UTC')::date
      from new_rows n join old_rows o on o.id = n.id
     where r.article_id = n.id and o.published_at is distinct from n.published_at;
    return null;
end
$$;

create trigger analytics_articles_published_changed after update on articles
    referencing old table as old_rows new table as new_rows
    for each statement execute function analytics_articles_published_changed();

-- Statements per speaker and actor they mention (kind MENTIONED) or that relays them (kind RELAYED):
-- Actor.network's MENTIONED and RELAYED links.
create table analytics_actor_links (
    kind        text   not null check (kind in ('MENTIONED', 'RELAYED')),
    speaker_id  bigint not null,
    other_id    bigint not null,
    statements  int    not null,
    primary key (kind, speaker_id, other_id)
);
create index analytics_actor_links_other on analytics_actor_links (kind, other_id, speaker_id);

-- Recomputes the links of some actors (as the mentioned or relaying side) from the base tables.
create function analytics_recompute_links(link_kind text, other_ids bigint[]) returns void language plpgsql as $$
begin
    if coalesce(cardinality(other_ids), 0) = 0 then
        return;
    end if;
    delete from analytics_actor_links where kind = link_kind and other_id = any(other_ids);
    if link_kind = 'MENTIONED' then
        insert into analytics_actor_links (kind, speaker_id, other_id, statements)
        select 'MENTIONED', s.speaker_id, m.actor_id, count(*)
          from statement_mentions m join statements s on s.id = m.statement_id
         where m.actor_id = any(other_ids) group by 2, 3 order by 2, 3;
    else
        insert into analytics_actor_links (kind, speaker_id, other_id, statements)
        select 'RELAYED', s.speaker_id, r.actor_id, count(distinct s.id)
          from statement_relays r join statements s on s.id = r.statement_id
         where r.actor_id = any(other_ids) group by 2, 3 order by 2, 3;
    end if;
end
$$;

create function analytics_mentions_inserted() returns trigger language plpgsql as $$
begin
    insert into analytics_actor_links as l (kind, speaker_id, other_id, statements)
    select 'MENTIONED', s.speaker_id, n.actor_id, count(*)
      from new_rows n join statements s on s.id = n.statement_id group by 2, 3 order by 2, 3
    on conflict (kind, speaker_id, other_id) do update set statements = l.statements + excluded.statements;
    return null;
end
$$;

create function analytics_mentions_deleted() returns trigger language plpgsql as $$
begin
    perform analytics_recompute_links('MENTIONED', array_agg(distinct actor_id)) from old_rows;
    return null;
end
$$;

create function analytics_mentions_updated() returns trigger language plpgsql as $$
begin
    perform analytics_recompute_links('MENTIONED', array_agg(distinct actor_id))
       from (select actor_id from old_rows union select actor_id from new_rows) a;
    return null;
end
$$;

-- A statement relayed twice by the same agency (two positions of its chain) counts once.
create function analytics_relays_inserted() returns trigger language plpgsql as $$
begin
    perform analytics_recompute_links('RELAYED', array_agg(distinct actor_id)) from new_rows;
    return null;
end
$$;

create function analytics_relays_changed() returns trigger language plpgsql as $$
begin
    perform analytics_recompute_links('RELAYED', array_agg(distinct actor_id)) from old_rows;
    return null;
end
$$;

create function analytics_relays_updated() returns trigger language plpgsql as $$
begin
    perform analytics_recompute_links('RELAYED', array_agg(distinct actor_id))
       from (select actor_id from old_rows union select actor_id from new_rows) a;
    return null;
end
$$;

create trigger analytics_mentions_inserted after insert on statement_mentions
    referencing new table as new_rows for each statement execute function analytics_mentions_inserted();
create trigger analytics_mentions_deleted after delete on statement_mentions
    referencing old table as old_rows for each statement execute function analytics_mentions_deleted();
create trigger analytics_mentions_updated after update on statement_mentions
    referencing old table as old_rows new table as new_rows
    for each statement execute function analytics_mentions_updated();
create trigger analytics_relays_inserted after insert on statement_relays
    referencing new table as new_rows for each statement execute function analytics_relays_inserted();
create trigger analytics_relays_deleted after delete on statement_relays
    referencing old table as old_rows for each statement execute function analytics_relays_changed();
create trigger analytics_relays_updated after update on statement_relays
    referencing old table as old_rows new table as new_rows
    for each statement execute function analytics_relays_updated();

-- The rollups from scratch (the same as AnalyticsRollups.refresh()).
create function analytics_refresh() returns void language plpgsql as $$
begin
    truncate analytics_speaker_days, analytics_speaker_months, analytics_speaker_articles, analytics_event_speakers,
             analytics_actor_links;
    insert into analytics_speaker_days (speaker_id, said_on, said_on_precision, statements)
    select speaker_id, said_on, said_on_precision, count(*) from statements group by 1, 2, 3;
    insert into analytics_speaker_months (speaker_id, period_start, period_precision, statements)
    select speaker_id, newsgraph_period_start(said_on, said_on_precision, 'month'),
           newsgraph_period_precision(said_on, said_on_precision, 'month'), count(*)
      from statements group by 1, 2, 3;
    insert into analytics_speaker_articles (speaker_id, article_id, published_on, statements)
    select s.speaker_id, s.article_id, (min(a.published_at) at time zone 'UTC')::date, count(*)
      from statements s join articles a on a.id = s.article_id group by 1, 2;
    insert into analytics_event_speakers (event_id, speaker_id, statements)
    select se.event_id, s.speaker_id, count(*)
      from statement_events se join statements s on s.id = se.statement_id group by 1, 2;
    insert into analytics_actor_links (kind, speaker_id, other_id, statements)
    select 'MENTIONED', s.speaker_id, m.actor_id, count(*)
      from statement_mentions m join statements s on s.id = m.statement_id group by 2, 3;
    insert into analytics_actor_links (kind, speaker_id, other_id, statements)
    select 'RELAYED', s.speaker_id, r.actor_id, count(distinct s.id)
      from statement_relays r join statements s on s.id = r.statement_id group by 2, 3;
end
$$;

select analytics_refresh();
analyze analytics_speaker_days, analytics_speaker_months, analytics_speaker_articles, analytics_event_speakers,
        analytics_actor_links;
