package io.mailroom.api;

/** The message priority, written as the {@code X-Priority} and {@code Importance} headers. */
public enum Priority {
    /** {@code X-Priority: 1 (Highest)}, {@code Importance: High}. */
    HIGH(1, "High"),
    /** No priority headers are written. */
    NORMAL(3, "Normal"),
    /** {@code X-Priority: 5 (Lowest)}, {@code Importance: Low}. */
    LOW(5, "Low");

    private final int xPriority;
    private final String importance;

    Priority(int xPriority, String importance) {
        this.xPriority = xPriority;
        this.importance = importance;
    }

    /** @return the value of the {@code X-Priority} header, 1 (highest) to 5 (lowest) */
    public int xPriority() {
        return xPriority;
    }

    /** @return the value of the {@code Importance} header */
    public String importance() {
        return importance;
    }
}
