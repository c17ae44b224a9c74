-- The resolution engine (org.newsgraph.ingest.BatchResolver, org.newsgraph.resolution): candidate keys of
-- actors, the decisions it took on scored pairs, and the gazetteer of countries and organizations.

-- Keys under which an actor is looked for as a candidate (ActorScorer.blockingKeys): the first letters of a
-- person's surname folded across transliterations, its Double Metaphone code, a gazetteer entry, the words of
-- an organization's name, an acronym. Computed in Java when actors and aliases are written.
create table actor_match_keys (
    key       text   not null,
    actor_id  bigint not null references actors (id) on delete cascade,
    primary key (key, actor_id)
);
create index actor_match_keys_actor on actor_match_keys (actor_id);

-- Candidate events by similar title (pg_trgm).
create index events_title_trgm on events using gin (title_key gin_trgm_ops);

-- Every pair the engine scored and kept: a merge it made on evidence (MERGED), or a pair between the
-- thresholds left to a curator (CANDIDATE). The mention is the document's actor or event as given, so that a
-- curator can split it off again. actor_id / event_id is the node the mention became; other_* the node it was
-- scored against (for MERGED the same node).
create table resolution_decisions (
    id              bigint generated always as identity primary key,
    entity          text   not null check (entity in ('ACTOR', 'EVENT')),
    outcome         text   not null check (outcome in ('MERGED', 'CANDIDATE')),
    status          text   not null check (status in ('AUTOMATIC', 'PENDING', 'CONFIRMED', 'REJECTED', 'SPLIT')),
    article_id      bigint references articles (id) on delete cascade,
    ref             text,
    mention         jsonb  not null,
    actor_id        bigint references actors (id) on delete cascade,
    other_actor_id  bigint references actors (id) on delete cascade,
    event_id        bigint references events (id) on delete cascade,
    other_event_id  bigint references events (id) on delete cascade,
    score           double precision not null,
    features        jsonb  not null,
    created_at      timestamptz not null default now(),
    decided_at      timestamptz
);
create index resolution_decisions_pending on resolution_decisions (id) where status = 'PENDING';
create index resolution_decisions_actor on resolution_decisions (actor_id);
create index resolution_decisions_other_actor on resolution_decisions (other_actor_id);
create index resolution_decisions_event on resolution_decisions (event_id);
create index resolution_decisions_other_event on resolution_decisions (other_event_id);
create index resolution_decisions_article on resolution_decisions (article_id);

-- db/reference/gazetteer.csv as a table (the app loads it at start): names and short forms of countries,
-- organizations and seats of government, with demonyms, ISO codes and Wikidata IDs where known.
create table gazetteer_names (
    entry_id     text    not null,
    kind         text    not null,
    wikidata_id  text,
    iso2         text,
    iso3         text,
    name         text    not null,
    name_key     text    not null,
    demonym      boolean not null,
    primary key (entry_id, name_key, demonym)
);
create index gazetteer_names_key on gazetteer_names (name_key);
