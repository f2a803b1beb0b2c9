package io.mailroom.adapter;

import jakarta.resource.spi.ConfigProperty;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Equality of connection factories over all their {@link ConfigProperty} fields, so none is forgotten. */
final class ConfigFields {
    private static final List<Field> FIELDS = new ArrayList<>();

    static {
        for (Field field : SmtpManagedConnectionFactory.class.getDeclaredFields()) {
            if (field.isAnnotationPresent(ConfigProperty.class)) {
                field.setAccessible(true);
                FIELDS.add(field);
            }
        }
    }

    private ConfigFields() {
    }

    static boolean equal(SmtpManagedConnectionFactory a, SmtpManagedConnectionFactory b) {
        for (Field field : FIELDS) {
            if (!Objects.equals(value(field, a), value(field, b))) {
                return false;
            }
        }
        return true;
    }

    /** Over the settings that are not secrets. */
    static int hash(SmtpManagedConnectionFactory factory) {
        int hash = 1;
        for (Field field : FIELDS) {
            if (!field.getAnnotation(ConfigProperty.class).confidential()) {
                hash = 31 * hash + Objects.hashCode(value(field, factory));
            }
        }
        return hash;
    }

    private static Object value(Field field, SmtpManagedConnectionFactory factory) {
        try {
            return field.get(factory);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
