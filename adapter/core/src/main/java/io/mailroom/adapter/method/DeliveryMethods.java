package io.mailroom.adapter.method;

import io.mailroom.adapter.delivery.DeliveryConnection;
import io.mailroom.adapter.outbox.OutboxMessage;
import io.mailroom.api.CapturedMessage;
import io.mailroom.api.SendReceipt;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * One factory's delivery method and recipient policy, read from its settings: what a managed
 * connection asks before it sends or queues, and what the delivery workers send through when the
 * method is not SMTP.
 */
public final class DeliveryMethods {
    private final DeliveryMethod method;
    private final DeliveryConnection local;
    private final CaptureStore capture;
    private final RecipientPolicy policy;

    private DeliveryMethods(DeliveryMethod method, DeliveryConnection local, CaptureStore capture,
                            RecipientPolicy policy) {
        this.method = method;
        this.local = local;
        this.capture = capture;
        this.policy = policy;
    }

    /**
     * @param deliveryMethod the {@code deliveryMethod} setting
     * @param pickupDirectory the {@code pickupDirectory} setting
     * @param jmsConnectionFactory the {@code jmsConnectionFactory} setting
     * @param jmsQueue the {@code jmsQueue} setting
     * @param allowList the {@code recipientAllowList} setting
     * @param redirectTo the {@code redirectTo} setting
     * @return the checked settings
     * @throws IllegalArgumentException naming the setting at fault
     */
    public static DeliveryMethods of(String deliveryMethod, String pickupDirectory, String jmsConnectionFactory,
                                     String jmsQueue, String allowList, String redirectTo) {
        DeliveryMethod method = DeliveryMethod.of(deliveryMethod);
        RecipientPolicy policy = RecipientPolicy.of(allowList, redirectTo);
        return switch (method) {
            case SMTP -> new DeliveryMethods(method, null, null, policy);
            case CAPTURE -> {
                CaptureStore store = new CaptureStore(Clock.systemUTC());
                yield new DeliveryMethods(method, store, store, policy);
            }
            case PICKUP_DIRECTORY -> {
                if (pickupDirectory == null || pickupDirectory.isBlank()) {
                    throw new IllegalArgumentException(MethodMessages.noPickupDirectory());
                }
                yield new DeliveryMethods(method, new PickupDirectory(Path.of(pickupDirectory.strip())), null, policy);
            }
            case JMS -> {
                String missing = isBlank(jmsConnectionFactory) && isBlank(jmsQueue) ? "jmsConnectionFactory and jmsQueue"
                        : isBlank(jmsConnectionFactory) ? "jmsConnectionFactory" : isBlank(jmsQueue) ? "jmsQueue" : null;
                if (missing != null) {
                    throw new IllegalArgumentException(MethodMessages.noJmsName(missing));
                }
                yield new DeliveryMethods(method, new JmsQueue(jmsConnectionFactory.strip(), jmsQueue.strip()), null, policy);
            }
        };
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** @return the method */
    public DeliveryMethod method() {
        return method;
    }

    /** @return whether messages go to SMTP as composed, with no policy: the direct path may stream them */
    public boolean isPlainSmtp() {
        return local == null && policy == null;
    }

    /**
     * @return the shared connection of a local method (pickup directory, JMS queue, capture) for both the
     *         direct path and the delivery workers, or {@code null} for SMTP
     */
    public DeliveryConnection local() {
        return local;
    }

    /**
     * @return whether {@link #local()} sends on the caller's thread even inside a transaction,
     *         joining it ({@code jms}: the server enlists its JMS session), instead of the message
     *         being buffered on Mailroom's own transaction branch and sent after commit
     */
    public boolean joinsCallerTransaction() {
        return method == DeliveryMethod.JMS;
    }

    /**
     * The recipient policy applied to a message before it is sent or queued.
     *
     * @return the message to send (possibly rewritten), or {@code null} if no recipient is left
     */
    public OutboxMessage staged(OutboxMessage message) {
        return policy == null ? message : policy.apply(message);
    }

    /** @return the receipt of a message that no recipient was allowed to receive: nothing was sent */
    public SendReceipt dropped(OutboxMessage message) {
        return new SendReceipt(SendReceipt.Status.SENT, message.messageId(), null, List.of(), policy.refusals(message));
    }

    /**
     * @param composed the message before the recipient policy
     * @param receipt what sending or queueing the staged message returned
     * @return the receipt, also naming the recipients the policy dropped
     */
    public SendReceipt withRefusals(OutboxMessage composed, SendReceipt receipt) {
        List<String> refused = policy == null ? List.of() : policy.refusals(composed);
        if (refused.isEmpty()) {
            return receipt;
        }
        List<String> rejected = new ArrayList<>(receipt.rejected());
        rejected.addAll(refused);
        return new SendReceipt(receipt.status(), receipt.messageId(), receipt.serverReply(), receipt.accepted(), rejected);
    }

    /** @return the captured messages, oldest first; empty unless the method is {@code capture} */
    public List<CapturedMessage> captured() {
        return capture == null ? List.of() : capture.messages();
    }

    @Override
    public String toString() {
        return "DeliveryMethods[" + method.setting() + ", " + local + ", " + policy + "]";
    }
}
