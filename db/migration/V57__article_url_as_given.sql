-- Article identity is the canonical URL (org.newsgraph.input.ArticleUrl; the rule is in db/FORMAT.md):
-- articles.url holds it. The URL as the client gave it is kept here when it differs (null: the same).
-- URLs stored before this migration stay as they were.
alter table articles add column url_as_given text;

comment on column articles.url_as_given is
    'The article URL as given in the ingested document, when it differs from the canonical url';
