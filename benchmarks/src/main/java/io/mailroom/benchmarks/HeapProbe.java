package io.mailroom.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Watches this JVM's heap during one measured run.
 *
 * <p>Method: {@link #start()} collects garbage ({@code System.gc()}) and takes the heap in use as
 * the baseline. During the run a daemon thread samples the heap in use
 * ({@link MemoryMXBean#getHeapMemoryUsage()}, which G1 keeps exact) every {@value #SAMPLE_MILLIS}
 * ms, and every collection reports the heap just before and after it. {@link #stop()} gives
 * <ul>
 *   <li>the peak above the baseline: the highest sample or pre-collection value. It includes
 *       garbage not yet collected, so for small messages it mostly follows how far eden filled;
 *       for one large message it shows what the code kept alive;</li>
 *   <li>the live peak above the baseline: the most the heap held right after a collection, among
 *       the collections during the run and one forced at its end (before the scenario closes its
 *       pools), so what the code under test kept reachable;</li>
 *   <li>the bytes allocated: the growth of the heap in use plus what every collection freed.</li>
 * </ul>
 * Memory pools' own peak counters are not used: HotSpot updates them only at collections.
 * Everything in this JVM counts, including the Java sink when it is the sink in use.
 */
public final class HeapProbe {
    private static final long SAMPLE_MILLIS = 2;

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final AtomicLong freedByCollections = new AtomicLong();
    private final AtomicLong peak = new AtomicLong();
    private final AtomicLong livePeak = new AtomicLong();
    private final NotificationListener listener = this::onCollection;
    private final Thread sampler;
    private final long baseline;
    private volatile boolean stopped;

    private HeapProbe() {
        System.gc();
        baseline = heapUsed();
        peak.set(baseline);
        livePeak.set(baseline);
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                emitters.add(emitter);
            }
        }
        sampler = new Thread(this::sample, "heap-probe");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** @return a probe whose baseline is the heap in use after a full collection, now */
    public static HeapProbe start() {
        return new HeapProbe();
    }

    /**
     * Stops watching and collects garbage once more, to see what the run left reachable.
     *
     * @return what the heap did since {@link #start()}
     */
    public HeapUse stop() throws InterruptedException {
        stopped = true;
        sampler.join();
        long now = heapUsed();
        peak.accumulateAndGet(now, Math::max);
        long allocated = Math.max(0, now - baseline) + freedByCollections.get();
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(listener);
            } catch (ListenerNotFoundException ignored) {
                // Never added: nothing to remove.
            }
        }
        System.gc();
        livePeak.accumulateAndGet(heapUsed(), Math::max);
        return new HeapUse(baseline, Math.max(0, peak.get() - baseline), Math.max(0, livePeak.get() - baseline), allocated);
    }

    private void sample() {
        while (!stopped) {
            peak.accumulateAndGet(heapUsed(), Math::max);
            try {
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private long heapUsed() {
        return memory.getHeapMemoryUsage().getUsed();
    }

    private void onCollection(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo();
        long before = total(info.getMemoryUsageBeforeGc());
        long after = total(info.getMemoryUsageAfterGc());
        freedByCollections.addAndGet(before - after);
        peak.accumulateAndGet(before, Math::max);
        livePeak.accumulateAndGet(after, Math::max);
    }

    /** Heap pools only: the non-heap pools (metaspace, code cache) are in the same map. */
    private static long total(Map<String, MemoryUsage> byPool) {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .map(p -> byPool.get(p.getName()))
                .filter(u -> u != null)
                .mapToLong(MemoryUsage::getUsed)
                .sum();
    }

    /**
     * @param baselineBytes the heap in use after the collection at the start
     * @param peakAboveBaselineBytes the highest heap use seen, minus the baseline (garbage included)
     * @param liveAboveBaselineBytes the most the heap held after a collection, minus the baseline
     * @param allocatedBytes the bytes allocated during the run
     */
    public record HeapUse(long baselineBytes, long peakAboveBaselineBytes, long liveAboveBaselineBytes, long allocatedBytes) {
    }
}
