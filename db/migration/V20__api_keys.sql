-- API keys for writes. Only a SHA-256 hash of each key is stored: a database dump reveals no usable key.
-- A key is sent as "Authorization: Bearer <key>"; READER keys may read (as anyone may), EDITOR keys may
-- also call mutations. Revoked keys stay for the record.
create table api_keys (
    id          bigint generated always as identity primary key,
    name        text        not null unique check (btrim(name) <> ''),
    key_hash    text        not null unique check (key_hash ~ '^[0-9a-f]{64}$'),
    role        text        not null check (role in ('READER', 'EDITOR')),
    created_at  timestamptz not null default now(),
    revoked_at  timestamptz
);
