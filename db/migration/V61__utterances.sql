-- Utterances: the same words said once, reported by one or more articles (issue #11). Each report stays a
-- statement of its article (cue, channel, relays, kind); utterance_reports ties statements to the utterance
-- they report. The speaker, the first report's time and the outlets are read through the reports, so a
-- merge or split of actors never leaves an utterance with a stale speaker.

-- An utterance's ID is the ID of the statement that started it (its first report), so that linking gives the
-- same IDs whichever write path (one by one, set-based batches) ran.
create table utterances (
    id          bigint primary key,
    created_at  timestamptz not null default now()
);

create table utterance_reports (
    statement_id  bigint primary key references statements (id) on delete cascade,
    utterance_id  bigint not null references utterances (id) on delete cascade,
    -- how the report joined the utterance: FIRST (it started it), SAME_WORDS, CONTAINED (a cut of the same
    -- words), SIMILAR (near-verbatim: spelling, one word), CURATOR (a confirmed candidate)
    link          text   not null check (link in ('FIRST', 'SAME_WORDS', 'CONTAINED', 'SIMILAR', 'CURATOR')),
    score         real   not null check (score >= 0 and score <= 1),
    -- the words compared: the quoted words (a partial quote's quotation), normalized (case, accents,
    -- punctuation, British spelling)
    words         text   not null
);
create index utterance_reports_utterance on utterance_reports (utterance_id, statement_id);
create index utterance_reports_words on utterance_reports (md5(words));

-- Pairs of utterances that may be one remark in other words (two translations; same speaker, same event,
-- same day), waiting for a curator. utterance_id < other_utterance_id.
create table utterance_candidates (
    utterance_id        bigint not null references utterances (id) on delete cascade,
    other_utterance_id  bigint not null references utterances (id) on delete cascade,
    reason              text   not null,
    score               real   not null check (score >= 0 and score <= 1),
    status              text   not null default 'OPEN' check (status in ('OPEN', 'REJECTED')),
    created_at          timestamptz not null default now(),
    decided_at          timestamptz,
    primary key (utterance_id, other_utterance_id),
    check (utterance_id < other_utterance_id)
);
create index utterance_candidates_other on utterance_candidates (other_utterance_id);

-- A curator's decisions, by statement (utterance IDs change when linking is re-run): CONFIRMED joins the
-- utterances of the two statements, REJECTED keeps them apart and the candidate closed.
create table utterance_decisions (
    statement_id        bigint not null references statements (id) on delete cascade,
    other_statement_id  bigint not null references statements (id) on delete cascade,
    decision            text   not null check (decision in ('CONFIRMED', 'REJECTED')),
    decided_at          timestamptz not null default now(),
    primary key (statement_id, other_statement_id)
);
create index utterance_decisions_other on utterance_decisions (other_statement_id);

-- An utterance whose last report is gone (its statement replaced or deleted) goes with it.
create function utterance_drop_if_unreported() returns trigger
    language plpgsql as $$
begin
    delete from utterances u
    where u.id = old.utterance_id
      and not exists (select 1 from utterance_reports r where r.utterance_id = old.utterance_id);
    return null;
end $$;

create trigger utterance_reports_last_gone
    after delete on utterance_reports
    for each row execute function utterance_drop_if_unreported();
