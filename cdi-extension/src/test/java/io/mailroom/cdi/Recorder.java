package io.mailroom.cdi;

import jakarta.inject.Singleton;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An application bean that observes Mailroom's events, as a user's would. */
@Singleton
public class Recorder {
    final List<Object> events = new CopyOnWriteArrayList<>();
    final List<String> sentOnThreads = new CopyOnWriteArrayList<>();

    void onQueued(@Observes MailQueued event) {
        events.add(event);
    }

    void onSent(@Observes MailSent event) {
        sentOnThreads.add(Thread.currentThread().getName());
        events.add(event);
    }

    void onFailed(@Observes MailFailed event) {
        events.add(event);
    }
}
