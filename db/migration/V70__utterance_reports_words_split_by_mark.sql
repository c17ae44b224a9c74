-- utterance_reports had two indexes on md5(words) since V100: one of every report (V61, read by V100's marking) and
-- one of the reports marked alike_first (read by the utterance pools): each report written paid both. The first is
-- replaced by one of the unmarked reports only, which is what the marking reads: each report is in exactly one of
-- the two, as before V100 it was in one.
drop index utterance_reports_words;
create index utterance_reports_words_rest on utterance_reports (md5(words)) where not alike_first;
