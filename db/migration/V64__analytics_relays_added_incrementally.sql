-- A relay insert recomputed the RELAYED links of every relaying actor from all its relays: a news agency that
-- relays thousands of statements was recounted by every import batch, so the import slowed as the data grew.
-- An insert now adds what it brings, as the mentions trigger does: per (speaker, agency) the statements whose
-- every relay row by that agency is new (a statement the agency relayed before is counted already; one relayed
-- twice by the same agency, at two positions of its chain, counts once). Deletes and updates still recompute.
create or replace function analytics_relays_inserted() returns trigger language plpgsql as $$
begin
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
