-- What the analytics triggers cost a write: ~20,000 statements (every 25th of the corpus, copied into
-- their articles at new positions) with their event, mention and relay links, inserted set-based as the
-- bulk import does, with and without the analytics triggers, each in a transaction that is rolled back.
-- Run by bench/analytics.sh --import-cost (twice each, alternating); prints the elapsed milliseconds.
\set copies 'insert into statements (article_id, speaker_id, position, kind, text, cue, channel, said_on, said_on_precision) select article_id, speaker_id, position + 100000, kind, text, cue, channel, said_on, said_on_precision from statements where id % 25 = 0'
\set links 'insert into statement_events (statement_id, event_id, said_on_key) select n.id, se.event_id, se.said_on_key from statements o join statements n on n.article_id = o.article_id and n.position = o.position + 100000 join statement_events se on se.statement_id = o.id where o.id % 25 = 0'
\set mentions 'insert into statement_mentions (statement_id, actor_id) select n.id, m.actor_id from statements o join statements n on n.article_id = o.article_id and n.position = o.position + 100000 join statement_mentions m on m.statement_id = o.id where o.id % 25 = 0'
\set relays 'insert into statement_relays (statement_id, position, actor_id) select n.id, r.position, r.actor_id from statements o join statements n on n.article_id = o.article_id and n.position = o.position + 100000 join statement_relays r on r.statement_id = o.id where o.id % 25 = 0'
\set off 'alter table statements disable trigger analytics_statements_inserted; alter table statement_events disable trigger analytics_statement_events_inserted; alter table statement_mentions disable trigger analytics_mentions_inserted; alter table statement_relays disable trigger analytics_relays_inserted; alter table analytics_speaker_articles disable trigger analytics_pairs_inserted'
\timing on
\echo with analytics triggers
begin; :copies; :links; :mentions; :relays; rollback;
\echo without analytics triggers
begin; :off; :copies; :links; :mentions; :relays; rollback;
\echo with analytics triggers
begin; :copies; :links; :mentions; :relays; rollback;
\echo without analytics triggers
begin; :off; :copies; :links; :mentions; :relays; rollback;
