package no.nhn.driftsvakt.driftsweb;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Driftsweb's settings ({@code driftsvakt.driftsweb.*}). */
@ConfigMapping(prefix = "driftsvakt.driftsweb")
public interface SiteConfig {

    /** The customer centre's phone number, shown on every page. */
    @WithDefault("02017")
    String phone();

    /** The customer centre's e-mail address, shown on every page. */
    @WithDefault("kundesenter@nhn.no")
    String email();

    @WithDefault("Hverdager 08–16, utvidet support til 20. Døgnåpent for avtaler med utvidet drift og ved kriser.")
    String openingHoursNb();

    @WithDefault("Weekdays 08–16, extended support until 20. Around the clock for extended agreements and in crises.")
    String openingHoursEn();

    /** How often the incident feed is read from PostgreSQL. */
    @WithDefault("3s")
    Duration feedRefresh();

    /** After this long without fresh data from PostgreSQL or Kafka, pages say when they were last updated. */
    @WithDefault("30s")
    Duration staleAfter();

    /** {@code Strict-Transport-Security} max-age; 0 sends no header (the default, for plain-HTTP installs). */
    @WithDefault("0s")
    Duration hstsMaxAge();

    /**
     * How often the front page is rendered again when only the components' "last checked" times moved. Changes
     * customers care about (status, incidents, maintenance) render at once; with thousands of probes the last-check
     * times move every second, and rendering a 1,000-component page each second cost a third of a core.
     */
    @WithDefault("15s")
    Duration lastCheckRefresh();

    /** Days of uptime bars per component. */
    @WithDefault("90")
    int uptimeDays();

    /** Reports through the "meld fra om feil" form per client address per hour. */
    @WithDefault("5")
    int reportsPerAddressPerHour();
}
