package io.mailroom.adapter.outbox.jdbc;

import io.mailroom.adapter.outbox.DeadLetter;
import io.mailroom.adapter.outbox.OutboxEntry;
import io.mailroom.adapter.outbox.OutboxMessage;

import java.io.IOException;
import java.io.InputStream;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/**
 * Between rows and values: recipients are one text column, one address per line (an SMTP
 * envelope address holds no line break); times are {@code timestamptz}, passed as UTC
 * {@link OffsetDateTime}s, which the PostgreSQL driver maps exactly.
 */
final class OutboxRows {
    private OutboxRows() {
    }

    static String recipients(List<String> recipients) {
        return String.join("\n", recipients);
    }

    static List<String> recipients(String column) {
        return Arrays.asList(column.split("\n"));
    }

    static void setTime(PreparedStatement ps, int index, Instant time) throws SQLException {
        ps.setObject(index, time.atOffset(ZoneOffset.UTC));
    }

    static Instant time(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** The columns of {@code OutboxSql.CLAIM}'s {@code RETURNING}. */
    static OutboxEntry entry(ResultSet rs) throws SQLException {
        OutboxMessage message = new OutboxMessage(rs.getString("mail_from"), recipients(rs.getString("recipients")),
                rs.getString("message_id"), rs.getBytes("mime"));
        return new OutboxEntry(rs.getLong("id"), message, time(rs, "created"), rs.getInt("attempts"), time(rs, "not_before"));
    }

    /** The columns of {@code OutboxSql.DEAD_LETTERS}. */
    static DeadLetter deadLetter(ResultSet rs) throws SQLException {
        return new DeadLetter(rs.getLong("id"), rs.getString("message_id"), rs.getString("mail_from"),
                recipients(rs.getString("recipients")), rs.getString("reason"), time(rs, "dead_at"));
    }

    /**
     * Binds {@code OutboxSql.INSERT}'s parameters and adds them to the batch. A body that is not in
     * memory (a spool file) is bound as a stream, which the caller closes after the batch ran.
     *
     * @return the stream bound, or {@code null} for a body in memory
     */
    static InputStream addInsert(PreparedStatement ps, OutboxMessage m, Instant now) throws SQLException, IOException {
        ps.setString(1, m.messageId());
        ps.setString(2, m.mailFrom());
        ps.setString(3, recipients(m.recipients()));
        InputStream stream = null;
        if (m.body().inMemory()) {
            ps.setBytes(4, m.body().bytes());
        } else {
            stream = m.body().open();
            ps.setBinaryStream(4, stream, m.body().size());
        }
        setTime(ps, 5, now);
        setTime(ps, 6, now);
        ps.addBatch();
        return stream;
    }
}
