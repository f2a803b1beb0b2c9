package io.mailroom.api.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * How the event repeats ({@code RRULE}, RFC 5545 section 3.3.10): a frequency, an interval, the
 * week days for weekly events, and an end given as a number of occurrences or a last day (or
 * neither, for an open-ended series). For example {@code Recurrence.weekly().on(MONDAY).times(10)}.
 *
 * @param frequency how often
 * @param interval every how many periods (1 = every week for a weekly rule)
 * @param count the number of occurrences, or {@code null}
 * @param until the last day an occurrence may start on (in the event's time zone), or {@code null}
 * @param days the week days, empty for "the start's day"
 */
public record Recurrence(Frequency frequency, int interval, Integer count, LocalDate until, List<DayOfWeek> days) {

    /** The repetition period ({@code FREQ}). */
    public enum Frequency {
        /** Every day. */
        DAILY,
        /** Every week. */
        WEEKLY,
        /** Every month. */
        MONTHLY,
        /** Every year. */
        YEARLY
    }

    /**
     * @throws io.mailroom.api.InvalidEmailException if the interval or count is below 1, or both
     *         count and until are given (RFC 5545 allows one of them)
     */
    public Recurrence {
        Objects.requireNonNull(frequency, "frequency");
        days = List.copyOf(days);
        if (interval < 1) {
            throw Messages.invalid("invitation.recurrence", Messages.recurrenceInterval(interval));
        }
        if (count != null && count < 1) {
            throw Messages.invalid("invitation.recurrence", Messages.recurrenceCount(count));
        }
        if (count != null && until != null) {
            throw Messages.invalid("invitation.recurrence", Messages.recurrenceCountAndUntil());
        }
    }

    /** @return every day, open-ended */
    public static Recurrence daily() {
        return new Recurrence(Frequency.DAILY, 1, null, null, List.of());
    }

    /** @return every week on the start's week day, open-ended */
    public static Recurrence weekly() {
        return new Recurrence(Frequency.WEEKLY, 1, null, null, List.of());
    }

    /** @return every month on the start's day of month, open-ended */
    public static Recurrence monthly() {
        return new Recurrence(Frequency.MONTHLY, 1, null, null, List.of());
    }

    /** @return every year on the start's date, open-ended */
    public static Recurrence yearly() {
        return new Recurrence(Frequency.YEARLY, 1, null, null, List.of());
    }

    /**
     * @param interval every how many periods, at least 1
     * @return this rule with that interval
     */
    public Recurrence every(int interval) {
        return new Recurrence(frequency, interval, count, until, days);
    }

    /**
     * @param count the number of occurrences, at least 1
     * @return this rule ending after that many occurrences
     */
    public Recurrence times(int count) {
        return new Recurrence(frequency, interval, count, null, days);
    }

    /**
     * @param lastDay the last day an occurrence may start on
     * @return this rule ending on that day
     */
    public Recurrence until(LocalDate lastDay) {
        return new Recurrence(frequency, interval, null, Objects.requireNonNull(lastDay, "lastDay"), days);
    }

    /**
     * @param weekDays the week days ({@code BYDAY})
     * @return this rule on those days
     */
    public Recurrence on(DayOfWeek... weekDays) {
        return new Recurrence(frequency, interval, count, until, List.of(weekDays));
    }
}
