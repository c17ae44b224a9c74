-- A3 without rollups: all statements grouped by speaker and month from the base table (reference only).
select speaker_id, newsgraph_period_start(said_on, said_on_precision, 'month') as p, count(*) as n
  from statements group by 1, 2 order by n desc limit 21;
