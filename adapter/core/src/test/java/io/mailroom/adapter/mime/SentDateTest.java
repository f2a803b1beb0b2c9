package io.mailroom.adapter.mime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.util.Date;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** {@link SentDate} writes what {@code MimeMessage.setSentDate} writes, whatever was formatted before. */
class SentDateTest {
    private static final Session SESSION = Session.getInstance(new Properties());

    @Test
    void everyDateIsWrittenAsSetSentDateWritesIt() throws Exception {
        long now = System.currentTimeMillis();
        long[] times = {now, now + 1, now + 999, now + 1000, now + 61_000, now - 86_400_000L * 200, 0L, -1L, -1000L, -1001L,
                        now + 3_600_000L, now + 86_400_000L * 183};
        for (int round = 0; round < 2; round++) {
            for (long time : times) {
                Date date = new Date(time);
                assertEquals(jakartaMail(date), SentDate.header(date), () -> "at " + time);
            }
        }
    }

    @Test
    void aDateInTheSameSecondAsTheLastButAnotherMinuteIsNotTakenForIt() throws Exception {
        Date first = new Date(1_700_000_000_000L);
        Date sameSecondOfTheNextMinute = new Date(1_700_000_060_000L);
        SentDate.header(first);
        assertEquals(jakartaMail(sameSecondOfTheNextMinute), SentDate.header(sameSecondOfTheNextMinute));
    }

    private static String jakartaMail(Date date) throws Exception {
        MimeMessage message = new MimeMessage(SESSION);
        message.setSentDate(date);
        return message.getHeader("Date", null);
    }
}
