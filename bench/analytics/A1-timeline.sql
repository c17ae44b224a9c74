-- The SQL the server runs for A1 (TimelineRepository.ofActors, unfiltered, MONTH): rollups, one statement.
-- actor(id:) first, as the server does.
select a.id, a.kind, a.name, a.description, a.wikidata_id from actors a where a.id = any(array[:actor]::bigint[]);
select owner, p_start as period_start, p_precision as period_precision, sum(n) as statements, sum(a) as articles from (
  select speaker_id as owner, period_start as p_start, period_precision as p_precision, sum(statements) as n, 0 as a
    from analytics_speaker_months where speaker_id = any(array[:actor]::bigint[]) group by 1, 2, 3
  union all
  select speaker_id, period_start, case when period_start is not null then 'MONTH' end, 0, articles
    from analytics_speaker_article_months where speaker_id = any(array[:actor]::bigint[])) u
group by 1, 2, 3;
