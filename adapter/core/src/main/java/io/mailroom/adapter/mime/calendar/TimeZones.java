package io.mailroom.adapter.mime.calendar;

import io.mailroom.api.InvalidEmailException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import net.fortuna.ical4j.model.ComponentList;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.TimeZoneLoader;
import net.fortuna.ical4j.model.component.Daylight;
import net.fortuna.ical4j.model.component.Observance;
import net.fortuna.ical4j.model.component.Standard;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.util.MapTimeZoneCache;

/**
 * VTIMEZONE definitions from the tz database ical4j bundles ({@code zoneinfo/} in its jar),
 * trimmed to the observances that matter from the event on.
 *
 * <p>The loader is built here with a map cache: ical4j's default cache needs the JCache API, which
 * the adapter does not ship, and its global configuration would be read from whatever {@code
 * ical4j.properties} the application happens to have. Definitions are never fetched from the
 * network (ical4j's updater is off unless a system property turns it on).
 *
 * <p>Trimming is hand-written (ical4j has no such call): the full definition of Europe/Berlin
 * carries every rule since 1893 (13 observances, 2.3 KB in every invitation; trimmed: 2 and
 * 0.5 KB). Calendar clients write only the rules in force, as Outlook and Google Calendar do,
 * and older readers such as python-icalendar 4.0 cannot even read the historic rules' UNTIL dates. Kept: every observance
 * with an onset from a year before the start on, and the one in effect at the start (as its last
 * onset alone, if its rule ended long before).
 */
final class TimeZones {
    private static final TimeZoneLoader LOADER = new TimeZoneLoader("zoneinfo/", new MapTimeZoneCache());

    private TimeZones() {
    }

    static VTimeZone definition(String field, ZonedDateTime start) {
        ZoneId zone = start.getZone();
        VTimeZone full;
        try {
            full = LOADER.loadVTimeZone(zone.getId());
        } catch (Exception e) {
            throw new InvalidEmailException(field, Messages.zoneNotLoaded(zone.getId(), e.getMessage()), e);
        }
        if (full == null) {
            throw new InvalidEmailException(field, Messages.unknownZone(zone.getId()));
        }
        synchronized (full) { // the cached definition memoises onsets as it is asked
            return trimmed(full, start);
        }
    }

    private static VTimeZone trimmed(VTimeZone full, ZonedDateTime start) {
        Observance inEffect = full.getApplicableObservance(start);
        OffsetDateTime recent = start.minusYears(1).toOffsetDateTime();
        List<Observance> kept = new ArrayList<>();
        for (Observance observance : full.getObservances()) {
            OffsetDateTime latest = observance.getLatestOnset(start.plusYears(50));
            if (latest != null && !latest.isBefore(recent)) {
                kept.add((Observance) observance.copy());
            } else if (observance == inEffect) {
                kept.add(since(observance, observance.getLatestOnset(start)));
            }
        }
        return new VTimeZone(full.getPropertyList(), new ComponentList<>(kept));
    }

    /** An observance whose rules ended long ago (Asia/Tokyo's since 1951), as one onset with no rule. */
    private static Observance since(Observance observance, OffsetDateTime onset) {
        Observance fixed = observance instanceof Daylight ? new Daylight() : new Standard();
        for (String name : List.of(Property.TZNAME, Property.TZOFFSETFROM, Property.TZOFFSETTO)) {
            observance.getProperty(name).ifPresent(p -> fixed.add(((Property) p).copy()));
        }
        fixed.add(new DtStart<>(onset.toLocalDateTime()));
        return fixed;
    }
}
