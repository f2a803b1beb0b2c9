package io.mailroom.api.calendar;

import java.util.Objects;

/**
 * Someone invited to the event ({@code ATTENDEE}). Add the same addresses as To or Cc recipients
 * of the {@link io.mailroom.api.Email}: the calendar lists who is invited, the envelope decides
 * who receives the message.
 *
 * @param address the e-mail address
 * @param name the display name, or {@code null}
 * @param role the participation role
 * @param rsvp whether a reply is requested
 */
public record Attendee(String address, String name, Role role, boolean rsvp) {

    /** The participation role ({@code ROLE}). */
    public enum Role {
        /** Chairs the meeting ({@code CHAIR}). */
        CHAIR,
        /** Required ({@code REQ-PARTICIPANT}). */
        REQUIRED,
        /** Optional ({@code OPT-PARTICIPANT}). */
        OPTIONAL,
        /** For information only ({@code NON-PARTICIPANT}). */
        NON_PARTICIPANT
    }

    /**
     * @throws io.mailroom.api.InvalidEmailException if the address is empty or the name cannot be
     *         written in an iCalendar parameter (a double quote or a control character)
     */
    public Attendee {
        address = Checks.address("invitation.attendee", address);
        name = Checks.displayName("invitation.attendee:" + address, name);
        Objects.requireNonNull(role, "role");
    }

    /**
     * @param address the e-mail address
     * @param name the display name, or {@code null}
     * @return a required attendee who is asked to reply
     */
    public static Attendee required(String address, String name) {
        return new Attendee(address, name, Role.REQUIRED, true);
    }

    /**
     * @param address the e-mail address
     * @param name the display name, or {@code null}
     * @return an optional attendee who is asked to reply
     */
    public static Attendee optional(String address, String name) {
        return new Attendee(address, name, Role.OPTIONAL, true);
    }

    /**
     * @param rsvp whether a reply is requested
     * @return this attendee with that choice
     */
    public Attendee withRsvp(boolean rsvp) {
        return new Attendee(address, name, role, rsvp);
    }

    /**
     * @param role the participation role
     * @return this attendee with that role
     */
    public Attendee withRole(Role role) {
        return new Attendee(address, name, role, rsvp);
    }
}
