package no.nhn.driftsvakt.catalog;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the catalog comes from and how often the file is checked for changes. */
@ConfigMapping(prefix = "driftsvakt.catalog")
public interface CatalogConfig {

    /** Path of the catalog YAML file. When absent, the bundled demo catalog is used (no file watch). */
    Optional<String> path();

    /** How often the file's content is compared with the catalog in force; a change triggers a reload. */
    @WithDefault("5s")
    Duration watchInterval();
}
