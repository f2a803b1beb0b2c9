package io.mailroom.benchmarks;

import com.sun.management.ThreadMXBean;
import io.mailroom.adapter.mime.ComposedMessage;
import io.mailroom.adapter.mime.MimeComposer;
import io.mailroom.api.Email;
import jakarta.mail.Session;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Properties;

/**
 * The composition part of a direct send alone, on one thread, without a server: the 1 KB
 * message {@code MailroomClient} builds, composed by {@link MimeComposer}, asked its subject and
 * written with Bcc and Content-Length left out, as Angus's {@code SMTPTransport.sendMessage} does.
 * Thread CPU and allocation per message, which neither the kernel's share nor a loaded machine
 * blurs as they blur {@link PerMessageCost}'s process figures.
 *
 * <pre>java -Xms1g -Xmx1g -XX:+UseG1GC -cp CLASSPATH io.mailroom.benchmarks.ComposeCost [messages] [rounds]</pre>
 *
 * Prints the median and the least CPU µs per message, and the median KB allocated per message,
 * of the second half of the rounds (the first half warms up).
 */
public final class ComposeCost {
    private ComposeCost() {
    }

    /** @param args messages per round [20000] and rounds [30] */
    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.host", "127.0.0.1");
        Session session = Session.getInstance(properties);
        MimeComposer composer = new MimeComposer(session, Session.getInstance(MimeComposer.withUtf8(properties)), null);
        String body = Payload.body(1024);
        String[] ignore = {"Bcc", "Content-Length"};
        OutputStream out = OutputStream.nullOutputStream();
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        double[] cpu = new double[rounds];
        double[] kb = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            long cpu0 = threads.getCurrentThreadCpuTime();
            long bytes0 = threads.getThreadAllocatedBytes(thread);
            for (int i = 0; i < messages; i++) {
                Email email = Payload.email(i, body);
                ComposedMessage composed = composer.compose(email);
                composed.message().getSubject();
                composed.message().writeTo(out, ignore);
            }
            cpu[round] = (threads.getCurrentThreadCpuTime() - cpu0) / 1_000.0 / messages;
            kb[round] = (threads.getThreadAllocatedBytes(thread) - bytes0) / 1024.0 / messages;
        }
        double[] warmCpu = Arrays.copyOfRange(cpu, rounds / 2, rounds);
        double[] warmKb = Arrays.copyOfRange(kb, rounds / 2, rounds);
        Arrays.sort(warmCpu);
        Arrays.sort(warmKb);
        System.out.printf("compose and write: %.2f us CPU/msg (median; least %.2f), %.2f KB alloc/msg, rounds %d-%d of %,d messages%n",
                warmCpu[warmCpu.length / 2], warmCpu[0], warmKb[warmKb.length / 2], rounds / 2, rounds - 1, messages);
    }
}
