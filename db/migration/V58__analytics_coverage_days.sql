-- Analytics, second step (after the analytics_rollups migration).
--
-- 1. The period functions call date_trunc on a date, which PostgreSQL resolved to date_trunc(text,
--    timestamptz): a STABLE function (it depends on the session's time zone), so the IMMUTABLE wrappers were
--    never inlined and each call ran as a function call. Casting to timestamp (no time zone) picks the
--    IMMUTABLE date_trunc(text, timestamp): the same values, inlined into the queries.
create or replace function newsgraph_period_start(d date, prec text, bucket text) returns date
    language sql immutable parallel safe
    as $$ select case
                    when d is null then null
                    when date_trunc(bucket, d::timestamp) = date_trunc(bucket, public.newsgraph_period_last_day(d, prec)::timestamp)
                        then date_trunc(bucket, d::timestamp)::date
                    else d
                 end $$;

create or replace function newsgraph_period_precision(d date, prec text, bucket text) returns text
    language sql immutable parallel safe
    as $$ select case
                    when d is null then null
                    when date_trunc(bucket, d::timestamp) = date_trunc(bucket, public.newsgraph_period_last_day(d, prec)::timestamp)
                        then upper(bucket)
                    else coalesce(prec, 'DAY')
                 end $$;

-- 2. Articles quoting a speaker per publication day: an actor's coverage over time reads a few rows per
--    day instead of one per article (the top speaker of the benchmark corpus is quoted in ~31,000 articles
--    on ~2,200 days). Kept from analytics_speaker_articles, whose rows are the (speaker, article) pairs: a
--    new pair adds one article to its day, a removed pair takes one away, a moved publication moves it.
create table analytics_speaker_article_days (
    speaker_id    bigint not null,
    published_on  date,
    articles      int    not null,
    unique nulls not distinct (speaker_id, published_on)
);
create index analytics_speaker_article_days_empty on analytics_speaker_article_days (speaker_id) where articles <= 0;

create function analytics_apply_article_days(speakers bigint[], days date[], signs int[]) returns void
    language plpgsql as $$
begin
    if coalesce(cardinality(speakers), 0) = 0 then
        return;
    end if;
    insert into analytics_speaker_article_days as r (speaker_id, published_on, articles)
    select speaker_id, published_on, sum(sign)
      from unnest(speakers, days, signs) as d(speaker_id, published_on, sign)
     group by 1, 2 having sum(sign) <> 0 order by 1, 2
    on conflict (speaker_id, published_on) do update set articles = r.articles + excluded.articles;
    if -1 = any(signs) then
        delete from analytics_speaker_article_days where articles <= 0;
    end if;
end
$$;

create function analytics_pairs_inserted() returns trigger language plpgsql as $$
begin
    perform analytics_apply_article_days(array_agg(speaker_id), array_agg(published_on), array_agg(1)) from new_rows;
    return null;
end
$$;

create function analytics_pairs_deleted() returns trigger language plpgsql as $$
begin
    perform analytics_apply_article_days(array_agg(speaker_id), array_agg(published_on), array_agg(-1)) from old_rows;
    return null;
end
$$;

create function analytics_pairs_updated() returns trigger language plpgsql as $$
begin
    perform analytics_apply_article_days(array_agg(x.speaker_id), array_agg(x.published_on), array_agg(x.sign))
       from (select o.speaker_id, o.published_on, -1 as sign
               from old_rows o join new_rows n on n.speaker_id = o.speaker_id and n.article_id = o.article_id
              where o.published_on is distinct from n.published_on
             union all
             select n.speaker_id, n.published_on, 1
               from old_rows o join new_rows n on n.speaker_id = o.speaker_id and n.article_id = o.article_id
              where o.published_on is distinct from n.published_on) x;
    return null;
end
$$;

create trigger analytics_pairs_inserted after insert on analytics_speaker_articles
    referencing new table as new_rows for each statement execute function analytics_pairs_inserted();
create trigger analytics_pairs_deleted after delete on analytics_speaker_articles
    referencing old table as old_rows for each statement execute function analytics_pairs_deleted();
create trigger analytics_pairs_updated after update on analytics_speaker_articles
    referencing old table as old_rows new table as new_rows
    for each statement execute function analytics_pairs_updated();

-- The rebuild covers the new table too (the pairs' triggers fill it as the pairs are inserted).
create or replace function analytics_refresh() returns void language plpgsql as $$
begin
    truncate analytics_speaker_days, analytics_speaker_months, analytics_speaker_articles, analytics_event_speakers,
             analytics_actor_links, analytics_speaker_article_days;
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

insert into analytics_speaker_article_days (speaker_id, published_on, articles)
select speaker_id, published_on, count(*) from analytics_speaker_articles group by 1, 2;
analyze analytics_speaker_article_days;
