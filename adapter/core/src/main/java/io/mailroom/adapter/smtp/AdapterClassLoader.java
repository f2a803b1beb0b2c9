package io.mailroom.adapter.smtp;

import java.util.function.Supplier;

/**
 * Runs Angus Mail code with the adapter's class loader as the thread's context loader.
 * Jakarta Mail and Jakarta Activation find their providers and mailcap entries through the
 * context loader, which in a server is the calling application's, and may not see the adapter's
 * bundled Angus Mail.
 */
public final class AdapterClassLoader {
    private static final ClassLoader ADAPTER = AdapterClassLoader.class.getClassLoader();

    private AdapterClassLoader() {
    }

    public static <T> T call(Supplier<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        if (previous == ADAPTER) {
            return work.get();
        }
        thread.setContextClassLoader(ADAPTER);
        try {
            return work.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
