-- What news reports say beyond "X said Y about Z" (issue "Say everything a news report says"): several
-- speakers, addressees, refusals, hedging and frequency, translation, nesting, statements about statements,
-- the article's own claims; per-party positions, status history, times within a day, supporters and planned
-- or uncertain participation; date-only publication times; parent cycles refused.

-- Statements --------------------------------------------------------------------------------------------

-- REFUSAL: the speaker declined to say or disclose something (the text says what, keeping any quoted words);
-- ARTICLE_CLAIM: the article's own assertion, attributed to nobody (its speaker is the publisher).
alter table statements drop constraint statements_kind_check;
alter table statements add constraint statements_kind_check
    check (kind in ('DIRECT_QUOTE', 'PARTIAL_QUOTE', 'PARAPHRASE', 'REFUSAL', 'ARTICLE_CLAIM'));

alter table statements
    -- whom it was said to ("told CNN", "told Lammy on a call"), besides the free-text channel
    add column addressee_id      bigint references actors (id),
    -- how the article hedges it: "reportedly", "is expected to", "allegedly", "possibly"
    add column hedge             text check (hedge in ('REPORTEDLY', 'EXPECTED', 'ALLEGEDLY', 'POSSIBLY')),
    -- how often: "has repeatedly called for", "again", "has previously", "for the first time"
    add column frequency         text check (frequency in ('REPEATEDLY', 'AGAIN', 'PREVIOUSLY', 'FIRST_TIME')),
    -- a quote given in translation, with the language it was said in when known
    add column translated        boolean not null default false,
    add column original_language text check (original_language ~ '^[a-z]{2,3}(-[A-Za-z0-9]+)*$'),
    -- the statement this one is quoted inside (same article): a document's words inside a source's claim
    add column within_id         bigint references statements (id) on delete set null,
    add check (within_id <> id),
    add check (original_language is null or translated);

create index statements_addressee on statements (addressee_id) where addressee_id is not null;
create index statements_within on statements (within_id) where within_id is not null;

-- Further speakers of one statement ("Rubio and the State Department have said"); the first speaker stays
-- statements.speaker_id, these are the second (position 1) and later ones.
create table statement_speakers (
    statement_id  bigint not null references statements (id) on delete cascade,
    position      int    not null check (position >= 1),
    actor_id      bigint not null references actors (id),
    primary key (statement_id, position),
    unique (statement_id, actor_id)
);
create index statement_speakers_actor on statement_speakers (actor_id, statement_id);

-- One statement about another: the Kremlin's spokesman confirming the president's remarks.
create table statement_relations (
    id                    bigint generated always as identity primary key,
    statement_id          bigint not null references statements (id) on delete cascade,
    related_statement_id  bigint not null references statements (id) on delete cascade,
    kind                  text   not null check (kind in ('CONFIRMS', 'DENIES', 'RESPONDS_TO', 'REPEATS', 'CORRECTS')),
    unique (statement_id, related_statement_id, kind),
    check (statement_id <> related_statement_id)
);
create index statement_relations_related on statement_relations (related_statement_id);

-- Articles ----------------------------------------------------------------------------------------------

-- Most wire copies give only the day: published_at is then the start of that day (UTC) and this says DAY;
-- null means the time given is exact.
alter table articles add column published_at_precision text
    check (published_at_precision in ('HOUR', 'DAY', 'WEEK', 'MONTH', 'YEAR'));

-- Events ------------------------------------------------------------------------------------------------

-- DOWNGRADED: held at a lower level than planned (ministers replaced by officials).
alter table events drop constraint events_status_check;
alter table events add constraint events_status_check
    check (status in ('PROPOSED', 'SCHEDULED', 'ONGOING', 'HAPPENED', 'CANCELLED', 'POSTPONED', 'REJECTED',
                      'ACCEPTED', 'DOWNGRADED'));

-- Times within a day: with precision HOUR, starts_at/ends_at hold the instant and starts_on/ends_on its day.
alter table events drop constraint events_starts_on_precision_check;
alter table events drop constraint events_ends_on_precision_check;
alter table events
    add constraint events_starts_on_precision_check
        check (starts_on_precision in ('HOUR', 'DAY', 'WEEK', 'MONTH', 'YEAR')),
    add constraint events_ends_on_precision_check
        check (ends_on_precision in ('HOUR', 'DAY', 'WEEK', 'MONTH', 'YEAR')),
    add column starts_at timestamptz,
    add column ends_at   timestamptz,
    add check (ends_at is null or starts_at is null or starts_at <= ends_at);

-- An instant is kept only while its precision is HOUR: a correction to DAY drops the time of day. (A trigger,
-- not a check: the ingest writes the instant right after the row; validation requires both together.)
create function events_time_follows_precision() returns trigger language plpgsql as $$
begin
    if new.starts_on_precision is distinct from 'HOUR' then new.starts_at := null; end if;
    if new.ends_on_precision is distinct from 'HOUR' then new.ends_at := null; end if;
    return new;
end
$$;

create trigger events_time_follows_precision
    before insert or update of starts_on_precision, ends_on_precision, starts_at, ends_at on events
    for each row execute function events_time_follows_precision();

-- SUPPORTER backs a proposal; PLANNED is to take part; UNCERTAIN may or may not ("unclear whether he will attend").
alter table event_participants drop constraint event_participants_role_check;
alter table event_participants add constraint event_participants_role_check
    check (role in ('HOST', 'ATTENDEE', 'REPRESENTATIVE', 'ABSENT', 'WITHDREW', 'PROPOSER', 'TARGET', 'MEDIATOR',
                    'ORGANIZER', 'SUBJECT', 'PARTY', 'OBSERVER', 'SUPPORTER', 'PLANNED', 'UNCERTAIN'));
-- The participant's position on the event: Kyiv agreed to the 30-day ceasefire, Moscow rejected it.
alter table event_participants add column stance text check (stance in ('AGREED', 'REJECTED', 'UNDECIDED'));

-- A stable key for each relation, so that clients can cache it (EventRelation implements Node).
alter table event_relations add column id bigint generated always as identity unique;

-- An event's status as it changed: proposed, then rejected; scheduled, then downgraded.
create table event_status_changes (
    id                    bigint generated always as identity primary key,
    event_id              bigint not null references events (id) on delete cascade,
    status                text   not null check (status in ('PROPOSED', 'SCHEDULED', 'ONGOING', 'HAPPENED',
                                                            'CANCELLED', 'POSTPONED', 'REJECTED', 'ACCEPTED',
                                                            'DOWNGRADED')),
    changed_on            date,
    changed_on_precision  text check (changed_on_precision in ('HOUR', 'DAY', 'WEEK', 'MONTH', 'YEAR')),
    note                  text,
    check ((changed_on is null) = (changed_on_precision is null)),
    unique nulls not distinct (event_id, status, changed_on)
);

-- An event cannot be inside itself, however many levels up (A inside B inside A).
create function events_refuse_parent_cycle() returns trigger language plpgsql as $$
begin
    if new.parent_id is not null and exists (
            with recursive up (id) as (
                select new.parent_id
                union
                select e.parent_id from events e join up on e.id = up.id where e.parent_id is not null)
            select 1 from up where up.id = new.id) then
        raise exception 'event % cannot be inside event %, which is already inside it', new.id, new.parent_id
            using errcode = 'check_violation', constraint = 'events_parent_cycle';
    end if;
    return new;
end
$$;

create trigger events_parent_cycle
    before insert or update of parent_id on events
    for each row when (new.parent_id is not null)
    execute function events_refuse_parent_cycle();

-- Dates and their precision -----------------------------------------------------------------------------

-- The last day of the period a date with a precision stands for: 2014 (YEAR) ends on 2014-12-31, the week of
-- 2025-04-14 (WEEK) on 2025-04-20. Date filters keep what OVERLAPS the range asked for.
create function newsgraph_period_end(day date, day_precision text) returns date
    language sql immutable parallel safe
    as $$ select case day_precision
                     when 'WEEK' then day + 6
                     when 'MONTH' then (day + interval '1 month')::date - 1
                     when 'YEAR' then (day + interval '1 year')::date - 1
                     else day end $$;

-- An event's statements with those of its sub-events, at any depth (union: ends on bad data too).
create function newsgraph_event_and_descendants(root bigint) returns setof bigint
    language sql stable parallel safe
    as $$ with recursive tree (id) as (
              select root
              union
              select e.id from public.events e join tree t on e.parent_id = t.id)
          select id from tree $$;

-- How well a folded name matches a folded search text, 0 to 1: the words are in it (word similarity) and
-- little else is (similarity), so that "state department" ranks the US State Department above "Russian state
-- media", which holds the word "state" too.
create function newsgraph_name_match(query_key text, name_key text) returns real
    language sql immutable parallel safe strict
    as $$ select (public.word_similarity($1, $2) + public.similarity($1, $2)) / 2 $$;
