package io.mailroom.sample;

/**
 * The data of the {@code order-confirmation} mail template ({@code mail-templates/order-confirmation/}).
 *
 * @param id the order number
 * @param item what was ordered (escaped in the HTML variant by the template engine)
 * @param quantity how many
 */
public record OrderConfirmation(long id, String item, int quantity) {
}
