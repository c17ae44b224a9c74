package org.newsgraph.support;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.newsgraph.NewsGraphApplication;

/**
 * The compiled classes of {@code src/main/java}, read once per JVM (ArchUnit) for the tests of the code's
 * structure. Read from their directory, not by scanning the class path for the package: that opens every jar.
 */
public final class MainClasses {

    private static JavaClasses classes;

    private MainClasses() {}

    public static synchronized JavaClasses get() {
        if (classes == null) {
            try {
                Path directory = Path.of(NewsGraphApplication.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI());
                classes = new ClassFileImporter().importPath(directory);
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return classes;
    }
}
