-- The SQL the server runs for A2 (NetworkRepository.networks, all four kinds of link), then the actors.
-- actor(id:) first, as the server does.
select a.id, a.kind, a.name, a.description, a.wikidata_id from actors a where a.id = any(array[:actor]::bigint[]);
select p.id as owner, t.* from unnest(array[:actor]::bigint[]) as p(id) cross join lateral (
  select u.other, sum(u.w) as weight,
         coalesce(sum(u.w) filter (where u.via = 'CO_PARTICIPANT'), 0) as w_co_participant,
         coalesce(sum(u.w) filter (where u.via = 'QUOTED_ON_SAME_EVENT'), 0) as w_quoted_on_same_event,
         coalesce(sum(u.w) filter (where u.via = 'RELAYED'), 0) as w_relayed,
         coalesce(sum(u.w) filter (where u.via = 'MENTIONED'), 0) as w_mentioned
    from (select ep2.actor_id as other, 'CO_PARTICIPANT' as via, count(distinct ep1.event_id) as w
            from event_participants ep1 join event_participants ep2 on ep2.event_id = ep1.event_id
           where ep1.actor_id = p.id and ep2.actor_id <> p.id group by 1
          union all
          select o.speaker_id as other, 'QUOTED_ON_SAME_EVENT' as via, count(*) as w
            from analytics_event_speakers m join analytics_event_speakers o on o.event_id = m.event_id
           where m.speaker_id = p.id and o.speaker_id <> p.id group by 1
          union all
          select l.other_id, 'RELAYED', l.statements from analytics_actor_links l
           where l.kind = 'RELAYED' and l.speaker_id = p.id and l.other_id <> p.id
          union all
          select l.speaker_id, 'RELAYED', l.statements from analytics_actor_links l
           where l.kind = 'RELAYED' and l.other_id = p.id and l.speaker_id <> p.id
          union all
          select l.other_id, 'MENTIONED', l.statements from analytics_actor_links l
           where l.kind = 'MENTIONED' and l.speaker_id = p.id and l.other_id <> p.id
          union all
          select l.speaker_id, 'MENTIONED', l.statements from analytics_actor_links l
           where l.kind = 'MENTIONED' and l.other_id = p.id and l.speaker_id <> p.id) u
   group by u.other order by weight desc, u.other limit 10) t;
select a.id, a.kind, a.name, a.description, a.wikidata_id from actors a
 where a.id = any(array[:others]::bigint[]);
