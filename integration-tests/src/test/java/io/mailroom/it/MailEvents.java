package io.mailroom.it;

import io.mailroom.cdi.MailQueued;
import io.mailroom.cdi.MailSent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An application bean observing Mailroom's events. */
@ApplicationScoped
public class MailEvents {
    private final List<Object> seen = new CopyOnWriteArrayList<>();

    void onQueued(@Observes MailQueued event) {
        seen.add(event);
    }

    void onSent(@Observes MailSent event) {
        seen.add(event);
    }

    public List<Object> seen() {
        return seen;
    }
}
