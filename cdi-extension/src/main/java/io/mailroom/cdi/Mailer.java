package io.mailroom.cdi;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Selects a named {@link MailSender}: {@code @Inject @Mailer("billing") MailSender billing;} is
 * bound to the connection factory named by {@code mailroom."billing".jndi-name}.
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE})
public @interface Mailer {

    /** @return the sender's name, as used in the configuration keys */
    String value();

    /** Builds the qualifier in code, for {@code Instance.select(Mailer.Literal.of("billing"))}. */
    final class Literal extends AnnotationLiteral<Mailer> implements Mailer {
        private static final long serialVersionUID = 1L;

        private final String value;

        private Literal(String value) {
            this.value = value;
        }

        /**
         * @param name the sender's name
         * @return the qualifier
         */
        public static Literal of(String name) {
            return new Literal(name);
        }

        @Override
        public String value() {
            return value;
        }
    }
}
