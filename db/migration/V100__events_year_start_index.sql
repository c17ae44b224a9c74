-- Event candidates (org.newsgraph.ingest.ResolverRows): a YEAR-dated event is read for any mention dated in
-- that year, so its start is searched up to a year back; this index keeps that to the YEAR-dated rows.
create index events_year_starts on events (starts_on) where starts_on_precision = 'YEAR';
