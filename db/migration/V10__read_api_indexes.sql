-- Indexes of the read API. Lists are ordered by a non-null keyset key: nullable dates are coalesced to
-- '-infinity' (same order as "desc nulls last"), so a cursor is one row comparison (key, id) < (?, ?)
-- that these indexes serve as a range scan, for the top-level lists and per parent (LATERAL pages).
create index statements_keyset on statements ((coalesce(said_on, '-infinity'::date)) desc, id desc);
create index statements_speaker_keyset on statements (speaker_id, (coalesce(said_on, '-infinity'::date)) desc, id desc);
create index statements_article_keyset on statements (article_id, (coalesce(said_on, '-infinity'::date)) desc, id desc);
create index events_keyset on events ((coalesce(starts_on, '-infinity'::date)) desc, id desc);
create index articles_keyset on articles ((coalesce(published_at, '-infinity'::timestamptz)) desc, id desc);
create index articles_publisher_keyset on articles (publisher_id, (coalesce(published_at, '-infinity'::timestamptz)) desc, id desc);
create index actors_name_order on actors (name, id);
