-- Event matching (IngestService.findEvents) looks events up by (title key, start date) whatever their
-- external key: events_title_start only covers events without one (it is the ON CONFLICT target), so
-- without this index each look-up scanned every event.
create index events_title_key on events (title_key, (coalesce(starts_on, 'infinity'::date)));
