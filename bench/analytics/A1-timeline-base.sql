-- A1 without rollups: the same counts from the base tables (for reference, not the server's SQL).
select date_trunc('month', said_on), said_on_precision, count(*) from statements where speaker_id = :actor group by 1, 2;
select date_trunc('month', r.published_at at time zone 'UTC'), count(*) from articles r
 where r.id in (select article_id from statements where speaker_id = :actor) group by 1;
