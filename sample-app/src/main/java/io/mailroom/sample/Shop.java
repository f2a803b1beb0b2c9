package io.mailroom.sample;

import io.mailroom.api.Attachment;
import io.mailroom.api.Email;
import io.mailroom.api.SendReceipt;
import io.mailroom.cdi.MailSender;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.util.Base64;

/**
 * What the sample does with Mailroom, each in one JTA transaction: mail composed on the page, and
 * an order saved in H2 with its confirmation mail. Failing after sending rolls the transaction
 * back, and the mail never leaves.
 */
@ApplicationScoped
public class Shop {
    @Inject
    MailSender mail;

    @Inject
    Orders orders;

    /** Thrown on purpose after sending, to show that the transaction's mail is discarded. */
    public static final class FailedOnPurpose extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FailedOnPurpose(String what) {
            super(what + " failed on purpose after sending: the transaction rolled back and the mail was discarded");
        }
    }

    @Transactional
    public SendReceipt compose(ComposeRequest request) {
        Email.Builder email = Email.builder().to(request.to()).subject(request.subject());
        if (request.html()) {
            email.html(request.body());
        } else {
            email.text(request.body());
        }
        if (request.attachmentName() != null && !request.attachmentName().isBlank()) {
            email.attach(Attachment.fromBytes(request.attachmentName(), request.attachmentType(),
                    Base64.getDecoder().decode(request.attachmentBase64())));
        }
        SendReceipt receipt = mail.send(email.build()).get(0);
        if (request.failAfterSending()) {
            throw new FailedOnPurpose("The message");
        }
        return receipt;
    }

    @Transactional
    public Order placeOrder(OrderRequest request) throws SQLException {
        Order order = orders.insert(request.email(), request.item(), request.quantity());
        mail.send(Email.builder()
                .to(request.email())
                .subject("Order " + order.id() + " confirmed")
                .text("Thank you for your order of " + order.quantity() + " x " + order.item() + ".")
                .html("<h1>Thank you!</h1><p>Your order <b>" + order.id() + "</b>: " + order.quantity() + " &times; "
                        + escape(order.item()) + ".</p>")
                .header("X-Order-Id", Long.toString(order.id()))
                .build());
        if (request.failAfterSaving()) {
            throw new FailedOnPurpose("The order");
        }
        return order;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
