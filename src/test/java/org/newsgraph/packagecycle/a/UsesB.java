package org.newsgraph.packagecycle.a;

import org.newsgraph.packagecycle.b.UsesA;

/** One half of a package cycle that PackageDependenciesTest must detect. */
public class UsesB {
    public UsesA other() {
        return new UsesA();
    }
}
