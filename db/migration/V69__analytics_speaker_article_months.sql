-- Articles quoting a speaker per month: an actor's MONTH timeline (Actor.timeline(bucket: MONTH), bench A1) read
-- the speaker's publication days and grouped them into months on every request. For the top speaker of the
-- benchmark corpus that is ~2,200 rows on ~530 heap pages, ~2 ms of PostgreSQL CPU per request (most of A1's
-- PostgreSQL time); its months are ~70 rows. Kept where the days are kept (analytics_apply_article_days, fed by
-- the triggers of analytics_speaker_articles), so every path that moves a day moves its month in the same
-- statement. An undated article (no publication day) counts in the row with period_start null.
create table analytics_speaker_article_months (
    speaker_id    bigint not null,
    period_start  date,
    articles      int    not null,
    unique nulls not distinct (speaker_id, period_start)
);
create index analytics_speaker_article_months_empty on analytics_speaker_article_months (speaker_id)
    where articles <= 0;

create or replace function analytics_apply_article_days(speakers bigint[], days date[], signs int[]) returns void
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

    insert into analytics_speaker_article_months as r (speaker_id, period_start, articles)
    select speaker_id, date_trunc('month', published_on::timestamp)::date, sum(sign)
      from unnest(speakers, days, signs) as d(speaker_id, published_on, sign)
     group by 1, 2 having sum(sign) <> 0 order by 1, 2
    on conflict (speaker_id, period_start) do update set articles = r.articles + excluded.articles;

    if -1 = any(signs) then
        delete from analytics_speaker_article_days where articles <= 0;
        delete from analytics_speaker_article_months where articles <= 0;
    end if;
end
$$;

-- The rebuild covers the new table too (the pairs' triggers fill it with the days as the pairs are inserted).
create or replace function analytics_refresh() returns void language plpgsql as $$
begin
    truncate analytics_speaker_days, analytics_speaker_months, analytics_speaker_articles, analytics_event_speakers,
             analytics_actor_links, analytics_speaker_article_days, analytics_speaker_article_months;
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

insert into analytics_speaker_article_months (speaker_id, period_start, articles)
select speaker_id, date_trunc('month', published_on::timestamp)::date, sum(articles)
  from analytics_speaker_article_days group by 1, 2;
analyze analytics_speaker_article_months;
