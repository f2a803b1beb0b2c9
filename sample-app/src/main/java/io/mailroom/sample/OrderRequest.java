package io.mailroom.sample;

/** An order placed on the page. */
public record OrderRequest(String email, String item, int quantity, boolean failAfterSaving) {
}
