-- The news model: who said what about which event, as reported by which article.
-- Vocabularies are text columns with CHECK constraints: readable in psql, and a new value is a
-- one-line forward migration.

create extension if not exists pg_trgm;
create extension if not exists unaccent;

-- unaccent() is only STABLE (it reads a dictionary); indexes and generated columns need IMMUTABLE.
-- Pinning the dictionary makes this wrapper safe to mark immutable (the usual PostgreSQL idiom).
create function newsgraph_unaccent(text) returns text
    language sql immutable parallel safe strict
    as $$ select public.unaccent('public.unaccent'::regdictionary, $1) $$;

-- PostgreSQL 17 runs index and generated-column expressions with search_path = pg_catalog, so
-- function bodies name the schema.
-- The key used to match names: case, accents, punctuation and white space folded away.
create function newsgraph_name_key(text) returns text
    language sql immutable parallel safe strict
    as $$ select btrim(regexp_replace(lower(public.newsgraph_unaccent($1)), '[^[:alnum:]]+', ' ', 'g')) $$;

-- Full-text search: documents and queries go through the same configuration and accent folding.
create function newsgraph_tsquery(text) returns tsquery
    language sql immutable parallel safe strict
    as $$ select websearch_to_tsquery('english', public.newsgraph_unaccent($1)) $$;

create table actors (
    id           bigint generated always as identity primary key,
    kind         text        not null check (kind in ('PERSON', 'ORGANIZATION', 'GOVERNMENT_BODY', 'MINISTRY',
                                                      'MEDIA_OUTLET', 'NEWS_AGENCY', 'COUNTRY', 'GROUP',
                                                      'UNNAMED_SOURCE')),
    name         text        not null check (btrim(name) <> ''),
    description  text,
    wikidata_id  text        unique check (wikidata_id ~ '^Q[0-9]+$'),
    -- The identity used to match actors across articles: newsgraph_name_key(name) for named actors.
    -- Unnamed sources ("an official familiar with the framework") are only the same source within
    -- one article, so their key is '#' || article url || '#' || name key, which no name key can equal.
    name_key     text        not null unique,
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now()
);
create index actors_name_trgm on actors using gin (name_key gin_trgm_ops);
create index actors_kind on actors (kind, id);

create table actor_aliases (
    actor_id   bigint not null references actors (id) on delete cascade,
    alias      text   not null check (btrim(alias) <> ''),
    alias_key  text   not null generated always as (public.newsgraph_name_key(alias)) stored,
    primary key (actor_id, alias_key)
);
create index actor_aliases_key on actor_aliases (alias_key);
create index actor_aliases_trgm on actor_aliases using gin (alias_key gin_trgm_ops);

-- A role an actor held at an organization: Rubio as US Secretary of State.
create table affiliations (
    id               bigint generated always as identity primary key,
    actor_id         bigint not null references actors (id) on delete cascade,
    organization_id  bigint references actors (id),
    title            text   not null check (btrim(title) <> ''),
    valid_from       date,
    valid_to         date,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    check (valid_to is null or valid_from is null or valid_from <= valid_to),
    unique nulls not distinct (actor_id, organization_id, title, valid_from)
);
create index affiliations_actor on affiliations (actor_id);
create index affiliations_organization on affiliations (organization_id);

create table articles (
    id            bigint generated always as identity primary key,
    url           text        not null unique check (url ~ '^https?://'),
    title         text        not null check (btrim(title) <> ''),
    publisher_id  bigint      references actors (id),
    published_at  timestamptz,
    language      text        check (language ~ '^[a-z]{2,3}(-[A-Za-z0-9]+)*$'),
    summary       text,
    body          text,
    -- Hash of the ingested document: re-ingesting the same input is recognised as unchanged.
    content_hash  text,
    search        tsvector generated always as (
                      setweight(to_tsvector('english', public.newsgraph_unaccent(coalesce(title, ''))), 'A') ||
                      setweight(to_tsvector('english', public.newsgraph_unaccent(coalesce(summary, ''))), 'B') ||
                      setweight(to_tsvector('english', public.newsgraph_unaccent(coalesce(body, ''))), 'C')) stored,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now()
);
create index articles_publisher on articles (publisher_id);
create index articles_published on articles (published_at desc, id desc);
create index articles_search on articles using gin (search);

create table article_contributors (
    article_id  bigint not null references articles (id) on delete cascade,
    actor_id    bigint not null references actors (id),
    role        text   not null check (role in ('AUTHOR', 'CONTRIBUTOR')),
    position    int    not null default 0,
    primary key (article_id, actor_id, role)
);
create index article_contributors_actor on article_contributors (actor_id);

create table events (
    id                   bigint generated always as identity primary key,
    kind                 text not null check (kind in ('MEETING', 'TALKS', 'VISIT', 'PEACE_PROCESS', 'PROPOSAL',
                                                       'CEASEFIRE', 'WAR', 'INVASION', 'ANNEXATION',
                                                       'ANNOUNCEMENT', 'STATEMENT', 'OTHER')),
    title                text not null check (btrim(title) <> ''),
    title_key            text not null generated always as (public.newsgraph_name_key(title)) stored,
    description          text,
    status               text not null check (status in ('PROPOSED', 'SCHEDULED', 'ONGOING', 'HAPPENED',
                                                         'CANCELLED', 'POSTPONED', 'REJECTED', 'ACCEPTED')),
    starts_on            date,
    starts_on_precision  text check (starts_on_precision in ('DAY', 'WEEK', 'MONTH', 'YEAR')),
    ends_on              date,
    ends_on_precision    text check (ends_on_precision in ('DAY', 'WEEK', 'MONTH', 'YEAR')),
    location             text,
    parent_id            bigint references events (id),
    -- A client-chosen key that identifies the event across ingests.
    external_key         text unique,
    search               tsvector generated always as (
                             setweight(to_tsvector('english', public.newsgraph_unaccent(coalesce(title, ''))), 'A') ||
                             setweight(to_tsvector('english', public.newsgraph_unaccent(coalesce(description, ''))), 'B')) stored,
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now(),
    check ((starts_on is null) = (starts_on_precision is null)),
    check ((ends_on is null) = (ends_on_precision is null)),
    check (ends_on is null or starts_on is null or starts_on <= ends_on),
    check (parent_id <> id)
);
create index events_parent on events (parent_id);
create index events_starts on events (starts_on desc nulls last, id desc);
create index events_kind on events (kind);
create index events_status on events (status);
create index events_search on events using gin (search);
-- Events without an external key are matched by (title, start date).
create unique index events_title_start on events (title_key, coalesce(starts_on, 'infinity'::date)) where external_key is null;

create table event_participants (
    id             bigint generated always as identity primary key,
    event_id       bigint not null references events (id) on delete cascade,
    actor_id       bigint not null references actors (id),
    role           text   not null check (role in ('HOST', 'ATTENDEE', 'REPRESENTATIVE', 'ABSENT', 'WITHDREW',
                                                    'PROPOSER', 'TARGET', 'MEDIATOR', 'ORGANIZER', 'SUBJECT',
                                                    'PARTY', 'OBSERVER')),
    represents_id  bigint references actors (id),
    note           text,
    unique (event_id, actor_id, role)
);
create index event_participants_actor on event_participants (actor_id);
create index event_participants_represents on event_participants (represents_id);

create table event_relations (
    event_id          bigint not null references events (id) on delete cascade,
    related_event_id  bigint not null references events (id) on delete cascade,
    kind              text   not null check (kind in ('FOLLOWS', 'RESPONDS_TO', 'REPLACES', 'CAUSED_BY', 'RELATED_TO')),
    primary key (event_id, related_event_id, kind),
    check (event_id <> related_event_id)
);
create index event_relations_related on event_relations (related_event_id);

-- Events an article reports, whether or not somebody is quoted about them.
create table article_events (
    article_id  bigint not null references articles (id) on delete cascade,
    event_id    bigint not null references events (id) on delete cascade,
    primary key (article_id, event_id)
);
create index article_events_event on article_events (event_id);

create table statements (
    id               bigint generated always as identity primary key,
    article_id       bigint not null references articles (id) on delete cascade,
    speaker_id       bigint not null references actors (id),
    -- Order of the statement in its article; with article_id it identifies the statement across re-ingests.
    position         int    not null check (position >= 0),
    kind             text   not null check (kind in ('DIRECT_QUOTE', 'PARTIAL_QUOTE', 'PARAPHRASE')),
    text             text   not null check (btrim(text) <> ''),
    cue              text,
    channel          text,
    said_on          date,
    said_on_precision text check (said_on_precision in ('DAY', 'WEEK', 'MONTH', 'YEAR')),
    search           tsvector generated always as (to_tsvector('english', public.newsgraph_unaccent(text))) stored,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    unique (article_id, position),
    check ((said_on is null) = (said_on_precision is null))
);
-- Statements are listed newest first, ties broken by id: these indexes back every such order.
create index statements_order on statements (said_on desc nulls last, id desc);
create index statements_speaker on statements (speaker_id, said_on desc nulls last, id desc);
create index statements_article on statements (article_id, position);
create index statements_kind on statements (kind);
create index statements_search on statements using gin (search);

-- The chain a statement reached the article through: Reuters (position 0) citing Interfax (position 1).
create table statement_relays (
    statement_id  bigint not null references statements (id) on delete cascade,
    position      int    not null check (position >= 0),
    actor_id      bigint not null references actors (id),
    primary key (statement_id, position)
);
create index statement_relays_actor on statement_relays (actor_id);

create table statement_mentions (
    statement_id  bigint not null references statements (id) on delete cascade,
    actor_id      bigint not null references actors (id),
    primary key (statement_id, actor_id)
);
create index statement_mentions_actor on statement_mentions (actor_id);

create table statement_events (
    statement_id  bigint not null references statements (id) on delete cascade,
    event_id      bigint not null references events (id) on delete cascade,
    primary key (statement_id, event_id)
);
create index statement_events_event on statement_events (event_id, statement_id);
