-- Three indexes of V1 that no query uses any more; every statement row paid for them on insert (the bulk
-- import writes statements at a rate bounded by the database's cost per row, ~10 indexes before this).
--
-- statements_article (article_id, position) is an exact duplicate of the unique constraint's index
-- statements_article_id_position_key, which serves the same look-ups and the article_id foreign key.
drop index if exists statements_article;
-- statements_order (said_on desc nulls last, id desc) and statements_speaker (speaker_id, said_on desc nulls
-- last, id desc) were superseded by V10's keyset indexes: every list orders by the key
-- coalesce(said_on, '-infinity') (StatementRepository.SORT_KEY), which only statements_keyset and
-- statements_speaker_keyset serve; statements_speaker_keyset also leads with speaker_id, so it serves the
-- speaker_id foreign key (actor deletes and merges) and counts per speaker.
drop index if exists statements_order;
drop index if exists statements_speaker;
