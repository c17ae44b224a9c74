-- Which rules the stored candidate keys (actor_match_keys) were computed with: a fingerprint of the key rules and
-- their vocabulary (gazetteer, name words, organization words). When it differs from the running code's, the keys
-- of every stored actor are computed again at start, so new rules find stored actors without a manual `resolve`.
create table actor_match_keys_version (
    singleton   boolean     primary key default true check (singleton),
    fingerprint text        not null,
    computed_at timestamptz not null default now()
);
