package io.mailroom.adapter;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Which settings two connection factories disagree on, by property name; never their values (passwords). */
final class SettingsDifference {
    private SettingsDifference() {
    }

    /** @return the names of the settings that differ, e.g. {@code username}, {@code deliveryWorkers}; empty if none */
    static List<String> between(SettingsReader.Checked a, SettingsReader.Checked b) {
        List<String> differences = new ArrayList<>();
        compare("", a.smtp(), b.smtp(), differences);
        compare("", a.security(), b.security(), differences);
        compare("", a.outbox(), b.outbox(), differences);
        return differences;
    }

    private static void compare(String prefix, Record a, Record b, List<String> differences) {
        for (RecordComponent component : a.getClass().getRecordComponents()) {
            Object left = value(component, a);
            Object right = value(component, b);
            if (left instanceof Record l && right instanceof Record r && l.getClass() == r.getClass()) {
                compare(prefix + component.getName() + ".", l, r, differences);
            } else if (!Objects.equals(left, right)) {
                differences.add(prefix + component.getName());
            }
        }
    }

    private static Object value(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
