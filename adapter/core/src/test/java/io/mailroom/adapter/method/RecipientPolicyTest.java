package io.mailroom.adapter.method;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The allow-list's patterns: addresses, domains, {@code @domain} and {@code *@domain}, case ignored. */
class RecipientPolicyTest {
    private final RecipientPolicy policy = RecipientPolicy.of("qa@partner.test, staging.test, @example.org, *@corp.test", null);

    @Test
    void addressesAndDomainsMatchIgnoringCase() {
        assertTrue(policy.allows("QA@Partner.TEST"));
        assertTrue(policy.allows("anyone@staging.test"));
        assertTrue(policy.allows("x@EXAMPLE.org"));
        assertTrue(policy.allows("y@corp.test"));
    }

    @Test
    void otherAddressesAndSubdomainsDoNot() {
        assertFalse(policy.allows("dev@partner.test"));
        assertFalse(policy.allows("a@mail.staging.test"));
        assertFalse(policy.allows("a@staging.test.evil.example"));
        assertFalse(policy.allows("staging.test@gmail.test"));
    }

    @Test
    void neitherSettingMeansNoPolicy() {
        assertNull(RecipientPolicy.of(" ", null));
    }
}
