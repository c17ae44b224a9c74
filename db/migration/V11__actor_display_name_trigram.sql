-- Fuzzy actor search matches the folded display name: name_key of unnamed sources also holds the article
-- URL (so that "#url#official" would match a search for any word of the URL).
create index actors_name_fold_trgm on actors using gin (newsgraph_name_key(name) gin_trgm_ops);
