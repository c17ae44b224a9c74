-- The pools that utterance linking reads (org.newsgraph.utterance.UtteranceLinker) keep, of the stored reports alike
-- in everything the matcher compares (utterance, speaker, kind, words, date, events), only the first, and the first
-- of another article than that one. They read every report of the words first and dropped the rest after: a quote
-- that many articles repeat brought all its reports to every ingest that quotes it again (ingestArticle spent ~47 ms
-- per request there, growing with the reports). Now each report says whether it may be one of those kept
-- (alike_first), and the pools read only those: the linker writes false for a report when an earlier alike one of its
-- article, or earlier alike ones of two articles, are stored; everything else writes true (the default). A change
-- that can regroup reports (a report's utterance or words, a deleted report that was kept, a statement's speaker,
-- kind or date, a statement's events) marks every report of the same words true again, so the flag never hides a
-- report that the pools would keep; a true flag on a report the pools drop only costs a row read.
alter table utterance_reports add column alike_first boolean not null default true;
create index utterance_reports_words_first on utterance_reports (md5(words)) where alike_first;

-- Every report of these words (md5 of the words) may be the first of its alike group again.
create function utterance_reports_mark_words(hashes text[]) returns void language plpgsql as $$
begin
    if coalesce(cardinality(hashes), 0) > 0 then
        update utterance_reports set alike_first = true where md5(words) = any(hashes) and not alike_first;
    end if;
end $$;

-- Reports whose utterance or words changed (not those of which only alike_first changed: that ends the recursion).
create function utterance_reports_regrouped() returns trigger language plpgsql as $$
begin
    perform utterance_reports_mark_words(array(
        select md5(words) from (select statement_id, utterance_id, words from old_reports
                                except select statement_id, utterance_id, words from new_reports) o
        union
        select md5(words) from (select statement_id, utterance_id, words from new_reports
                                except select statement_id, utterance_id, words from old_reports) n));
    return null;
end $$;
create trigger utterance_reports_regrouped after update on utterance_reports
    referencing old table as old_reports new table as new_reports
    for each statement execute function utterance_reports_regrouped();

-- A report that the pools may keep is gone: another of its words may be kept instead.
create function utterance_reports_kept_gone() returns trigger language plpgsql as $$
begin
    perform utterance_reports_mark_words(array(select distinct md5(words) from old_reports where alike_first));
    return null;
end $$;
create trigger utterance_reports_kept_gone after delete on utterance_reports
    referencing old table as old_reports
    for each statement execute function utterance_reports_kept_gone();

-- Statements whose speaker, kind or date changed.
create function utterance_reports_statements_changed() returns trigger language plpgsql as $$
begin
    perform utterance_reports_mark_words(array(
        select distinct md5(r.words)
          from old_statements o join new_statements n on n.id = o.id
          join utterance_reports r on r.statement_id = n.id
         where (o.speaker_id, o.kind, o.said_on, o.said_on_precision)
               is distinct from (n.speaker_id, n.kind, n.said_on, n.said_on_precision)));
    return null;
end $$;
create trigger utterance_reports_statements_changed after update on statements
    referencing old table as old_statements new table as new_statements
    for each statement execute function utterance_reports_statements_changed();

-- Statements whose events changed (a statement_events row added, removed or changed).
create function utterance_reports_events_changed() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        perform utterance_reports_mark_words(array(
            select distinct md5(r.words) from new_links e join utterance_reports r on r.statement_id = e.statement_id));
    elsif tg_op = 'DELETE' then
        perform utterance_reports_mark_words(array(
            select distinct md5(r.words) from old_links e join utterance_reports r on r.statement_id = e.statement_id));
    else
        perform utterance_reports_mark_words(array(
            select distinct md5(r.words)
              from (select statement_id from old_links union select statement_id from new_links) e
              join utterance_reports r on r.statement_id = e.statement_id));
    end if;
    return null;
end $$;
create trigger utterance_reports_events_added after insert on statement_events
    referencing new table as new_links
    for each statement execute function utterance_reports_events_changed();
create trigger utterance_reports_events_removed after delete on statement_events
    referencing old table as old_links
    for each statement execute function utterance_reports_events_changed();
create trigger utterance_reports_events_moved after update on statement_events
    referencing old table as old_links new table as new_links
    for each statement execute function utterance_reports_events_changed();
