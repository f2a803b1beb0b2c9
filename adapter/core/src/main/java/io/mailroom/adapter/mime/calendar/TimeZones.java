package io.mailroom.adapter.mime.calendar;

import io.mailroom.api.InvalidEmailException;
import java.time.ZoneId;
import net.fortuna.ical4j.model.TimeZoneLoader;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.util.MapTimeZoneCache;

/**
 * VTIMEZONE definitions from the tz database ical4j bundles ({@code zoneinfo/} in its jar).
 * The loader is built here with a map cache: ical4j's default cache needs the JCache API, which
 * the adapter does not ship, and its global configuration would be read from whatever {@code
 * ical4j.properties} the application happens to have. Definitions are never fetched from the
 * network (ical4j's updater is off unless a system property turns it on).
 */
final class TimeZones {
    private static final TimeZoneLoader LOADER = new TimeZoneLoader("zoneinfo/", new MapTimeZoneCache());

    private TimeZones() {
    }

    static VTimeZone definition(String field, ZoneId zone) {
        VTimeZone definition;
        try {
            definition = LOADER.loadVTimeZone(zone.getId());
        } catch (Exception e) {
            throw new InvalidEmailException(field, Messages.zoneNotLoaded(zone.getId(), e.getMessage()), e);
        }
        if (definition == null) {
            throw new InvalidEmailException(field, Messages.unknownZone(zone.getId()));
        }
        return definition.copy();
    }
}
