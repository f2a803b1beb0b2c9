package io.mailroom.api.calendar;

/**
 * The person who organises the event ({@code ORGANIZER}); replies go to this address.
 *
 * @param address the e-mail address, for example {@code anna@example.com}
 * @param name the display name, or {@code null}
 */
public record Organizer(String address, String name) {

    /**
     * @throws io.mailroom.api.InvalidEmailException if the address is empty or the name cannot be
     *         written in an iCalendar parameter (a double quote or a control character)
     */
    public Organizer {
        address = Checks.address("invitation.organizer", address);
        name = Checks.displayName("invitation.organizer", name);
    }
}
