package io.mailroom.cdi.template;

import java.util.List;

/** The data of the test template {@code order-confirmation}. */
public record OrderMail(Customer customer, String number, List<Line> lines, String note) {

    /** @param name shown in the greeting @param email where the mail goes */
    public record Customer(String name, String email) {
    }

    /** @param quantity how many @param product what */
    public record Line(int quantity, String product) {
    }
}
