package org.newsgraph.actor;

import java.time.LocalDate;

/** A row of {@code affiliations}: the GraphQL type {@code Affiliation}. */
public record Affiliation(
        long id, long actorId, Long organizationId, String title, LocalDate validFrom, LocalDate validTo) {}
