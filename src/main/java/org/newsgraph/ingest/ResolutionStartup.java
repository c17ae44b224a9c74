package org.newsgraph.ingest;

import org.newsgraph.resolution.ActorScorer;
import org.newsgraph.resolution.Gazetteer;
import org.newsgraph.resolution.NameForms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * At start: loads {@code db/reference/gazetteer.csv} into {@code gazetteer_names} when the table differs from
 * the file; computes the candidate keys of every stored actor again when they were computed with other rules
 * ({@link ActorScorer#keysFingerprint}, recorded in {@code actor_match_keys_version}); and computes those of stored
 * actors that have none (a database filled before the
 * resolution engine, e.g. a corpus loaded with COPY), so that they are found as candidates.
 */
@Component
class ResolutionStartup {

    private static final Logger log = LoggerFactory.getLogger(ResolutionStartup.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final StoredDataResolver resolution;

    ResolutionStartup(JdbcClient jdbc, TransactionTemplate transaction, StoredDataResolver resolution) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.resolution = resolution;
    }

    @EventListener(ApplicationStartedEvent.class)
    void start() {
        transaction.executeWithoutResult(status -> loadGazetteer());
        // Keys computed with other rules (an older release, another vocabulary): all computed again.
        var current = ActorScorer.keysFingerprint();
        var stored = resolution.storedKeysFingerprint();
        if (!current.equals(stored)) {
            int keys = transaction.execute(status -> resolution.rekey());
            log.info(
                    "Resolution: candidate keys of stored actors computed again ({} keys; rules {} -> {})",
                    keys,
                    stored == null ? "unrecorded" : stored,
                    current);
            return;
        }
        boolean missing = jdbc.sql("""
                select exists (select 1 from actors a where a.kind <> 'UNNAMED_SOURCE'
                               and not exists (select 1 from actor_match_keys k where k.actor_id = a.id))""").query(Boolean.class).single();
        if (missing) {
            int added = transaction.execute(status -> resolution.backfillKeys());
            log.info("Resolution: {} candidate keys computed for stored actors", added);
        }
    }

    private void loadGazetteer() {
        var entries = Gazetteer.standard().entries();
        var ids = new java.util.ArrayList<String>();
        var kinds = new java.util.ArrayList<String>();
        var wikidata = new java.util.ArrayList<String>();
        var iso2 = new java.util.ArrayList<String>();
        var iso3 = new java.util.ArrayList<String>();
        var names = new java.util.ArrayList<String>();
        var keys = new java.util.ArrayList<String>();
        var demonyms = new java.util.ArrayList<Boolean>();
        var seen = new java.util.HashSet<String>();
        for (var e : entries) {
            for (int d = 0; d < 2; d++) {
                for (var name : d == 0 ? e.names() : e.demonyms()) {
                    var key = NameForms.latin(name);
                    if (key.isEmpty() || !seen.add(e.id() + "|" + key + "|" + d)) continue;
                    ids.add(e.id());
                    kinds.add(e.kind());
                    wikidata.add(e.wikidataId());
                    iso2.add(e.iso2());
                    iso3.add(e.iso3());
                    names.add(name);
                    keys.add(key);
                    demonyms.add(d == 1);
                }
            }
        }
        long stored = jdbc.sql("select count(*) from gazetteer_names")
                .query(Long.class)
                .single();
        if (stored == ids.size()) return;
        jdbc.sql("delete from gazetteer_names").update();
        jdbc.sql("""
                insert into gazetteer_names (entry_id, kind, wikidata_id, iso2, iso3, name, name_key, demonym)
                select * from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::boolean[])""")
                .params(
                        ids.toArray(String[]::new),
                        kinds.toArray(String[]::new),
                        wikidata.toArray(String[]::new),
                        iso2.toArray(String[]::new),
                        iso3.toArray(String[]::new),
                        names.toArray(String[]::new),
                        keys.toArray(String[]::new),
                        demonyms.toArray(Boolean[]::new))
                .update();
        log.info("Gazetteer: {} names of {} entries loaded", ids.size(), entries.size());
    }
}
