package org.newsgraph.packagecycle.b;

import org.newsgraph.packagecycle.a.UsesB;

/** The other half of the package cycle that PackageDependenciesTest must detect. */
public class UsesA {
    public UsesB other() {
        return new UsesB();
    }
}
