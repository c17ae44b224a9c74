-- Event candidate search (EventRows) reads, per stored date precision, the events whose period can share a
-- day with a document's event: a range of start dates within one precision.
create index events_precision_starts on events (starts_on_precision, starts_on);
