-- The SQL the server runs for A3 (StatsRepository.statementGroups on the rollup): the page, the number of
-- groups, the speakers.
select * from (select m.speaker_id as g0, m.period_start as g1, m.period_precision as g2, m.statements as n
                 from analytics_speaker_months m) g
 order by g.n desc, coalesce(g0, -1), coalesce(g1, '-infinity'::date), coalesce(g2, '') limit 21;
select count(*) from (select m.speaker_id as g0, m.period_start as g1, m.period_precision as g2, m.statements as n
                        from analytics_speaker_months m) g;
select a.id, a.kind, a.name, a.description, a.wikidata_id from actors a
 where a.id = any(array[:others]::bigint[]);
