package org.newsgraph.actor;

import java.time.LocalDate;
import org.newsgraph.relay.NodeRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Affiliations ({@code affiliations}) by their own ids: they are {@code Node}s, so that caches key them. */
@Repository
public class AffiliationRepository extends NodeRepository<Affiliation> {

    public AffiliationRepository(JdbcClient jdbc) {
        super(
                jdbc,
                "Affiliation",
                "f.id, f.actor_id, f.organization_id, f.title, f.valid_from, f.valid_to",
                "affiliations f",
                "f.id",
                (rs, n) -> new Affiliation(
                        rs.getLong("id"),
                        rs.getLong("actor_id"),
                        (Long) rs.getObject("organization_id"),
                        rs.getString("title"),
                        rs.getObject("valid_from", LocalDate.class),
                        rs.getObject("valid_to", LocalDate.class)),
                Affiliation::id);
    }
}
