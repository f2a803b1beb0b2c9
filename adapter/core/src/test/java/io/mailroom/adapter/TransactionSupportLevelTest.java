package io.mailroom.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.TransactionSupport.TransactionSupportLevel;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The factory's {@code transactionSupportLevel}: what it reports to the server through
 * {@code TransactionSupport}, and the refusals, each naming the setting.
 */
class TransactionSupportLevelTest {
    private static final String OVERRIDE = "mailroom.\"tx-level-test\".transaction-support-level";

    @AfterEach
    void clearOverride() {
        System.clearProperty(OVERRIDE);
    }

    @Test
    void byDefaultTheServerIsToldXaTransaction() throws Exception {
        SmtpManagedConnectionFactory factory = new SmtpManagedConnectionFactory();
        assertEquals(TransactionSupportLevel.XATransaction, factory.getTransactionSupport());
        assertNotNull(factory.settings());
    }

    @ParameterizedTest
    @ValueSource(strings = {"LocalTransaction", "localtransaction", " LocalTransaction "})
    void localTransactionIsReportedToTheServer(String value) throws Exception {
        SmtpManagedConnectionFactory factory = new SmtpManagedConnectionFactory();
        factory.setTransactionSupportLevel(value);
        assertEquals(TransactionSupportLevel.LocalTransaction, factory.getTransactionSupport());
        assertNotNull(factory.settings());
    }

    @Test
    void anUnknownValueIsRefusedNamingTheSettingAndTheValuesItAccepts() {
        SmtpManagedConnectionFactory factory = new SmtpManagedConnectionFactory();
        factory.setTransactionSupportLevel("TwoPhase");
        InvalidPropertyException e = assertThrows(InvalidPropertyException.class,
                () -> factory.createConnectionFactory(new StandaloneConnectionManager(1)));
        assertTrue(e.getMessage().startsWith("MAILROOM-4001 "), e.getMessage());
        assertTrue(e.getMessage().contains("transactionSupportLevel=TwoPhase"), e.getMessage());
        assertTrue(e.getMessage().contains("XATransaction or LocalTransaction"), e.getMessage());
        IllegalArgumentException asked = assertThrows(IllegalArgumentException.class, factory::getTransactionSupport);
        assertEquals(e.getMessage(), asked.getMessage(), "the server, asking first, gets the same message");
    }

    @Test
    void noTransactionIsRefusedWithTheReason() {
        SmtpManagedConnectionFactory factory = new SmtpManagedConnectionFactory();
        factory.setTransactionSupportLevel("NoTransaction");
        InvalidPropertyException e = assertThrows(InvalidPropertyException.class, factory::settings);
        assertTrue(e.getMessage().startsWith("MAILROOM-4020 "), e.getMessage());
        assertTrue(e.getMessage().contains("transactionSupportLevel=NoTransaction"), e.getMessage());
        assertTrue(e.getMessage().contains("rolled back"), e.getMessage());
        assertThrows(IllegalArgumentException.class, factory::getTransactionSupport);
    }

    @Test
    void aSystemPropertyWinsOverTheServerConfiguration() throws Exception {
        SmtpManagedConnectionFactory factory = new SmtpManagedConnectionFactory();
        factory.setConfigName("tx-level-test");
        System.setProperty(OVERRIDE, "LocalTransaction");
        assertEquals(TransactionSupportLevel.LocalTransaction, factory.getTransactionSupport());
        System.setProperty(OVERRIDE, "NoTransaction");
        assertThrows(IllegalArgumentException.class, factory::getTransactionSupport);
    }

    /**
     * Liberty sets properties through {@link Introspector}: a property whose getter and setter
     * disagree in type (as {@code transactionSupport} would, beside
     * {@code TransactionSupport.getTransactionSupport()}) has no write method there, and is never set.
     */
    @Test
    void everySettingIsWritableAsAJavaBeanProperty() throws Exception {
        Map<String, PropertyDescriptor> properties = Arrays.stream(
                        Introspector.getBeanInfo(SmtpManagedConnectionFactory.class).getPropertyDescriptors())
                .collect(Collectors.toMap(PropertyDescriptor::getName, Function.identity()));
        for (Field field : SmtpManagedConnectionFactory.class.getDeclaredFields()) {
            if (field.isAnnotationPresent(ConfigProperty.class)) {
                PropertyDescriptor property = properties.get(field.getName());
                assertNotNull(property, field.getName());
                assertNotNull(property.getWriteMethod(), field.getName() + " has no setter the server can find");
                assertEquals(field.getType(), property.getPropertyType(), field.getName());
            }
        }
    }
}
