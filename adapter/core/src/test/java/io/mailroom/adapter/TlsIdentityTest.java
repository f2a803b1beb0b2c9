package io.mailroom.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mailroom.api.MailException;
import io.mailroom.testsupport.ScriptedSmtpServer;
import io.mailroom.testsupport.TestCertificates.Identity;
import io.mailroom.testsupport.TestProxy;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The TLS identity is the configured host (RFC 6125), in every security mode that encrypts: host
 * {@code 127.0.0.1} is matched against the certificate's IP addresses only, host {@code localhost}
 * against its DNS names only. Before the fix, STARTTLS checked {@code 127.0.0.1} as the name a
 * reverse lookup gave ({@code localhost}): the DNS-only certificate was accepted for the IP host
 * and the IP-only one refused with "No name matching localhost found".
 */
class TlsIdentityTest extends ScriptedTlsServerTest {

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (String mode : List.of("SSL_IMPLICIT", "STARTTLS_REQUIRED", "STARTTLS_WHEN_AVAILABLE", "AUTO", "SSL_AUTO")) {
            for (String host : List.of("127.0.0.1", "localhost")) {
                for (String certificate : List.of("ipOnly", "dnsOnly")) {
                    boolean matches = host.equals("127.0.0.1") == certificate.equals("ipOnly");
                    cases.add(Arguments.of(mode, host, certificate, matches));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} host {1} certificate {2}: accepted {3}")
    @MethodSource("cases")
    void theCertificateMustNameTheConfiguredHost(String mode, String host, String certificate, boolean accepted)
            throws Exception {
        Identity identity = certificate.equals("ipOnly") ? certificates.ipOnly() : certificates.dnsOnly();
        boolean implicit = mode.startsWith("SSL_");
        smtp = implicit ? ScriptedSmtpServer.startImplicitTls(identity.serverContext())
                : ScriptedSmtpServer.start().offerStartTls(identity.serverContext());
        SmtpManagedConnectionFactory settings = TestMailroom.secure(smtp.port(), mode);
        settings.setHost(host);
        if (mode.endsWith("AUTO")) {
            settings.setPort(null);
            settings.setProbePorts(Integer.toString(smtp.port()));
        }
        check(settings, accepted);
    }

    @ParameterizedTest(name = "STARTTLS through {0} to 127.0.0.1, certificate {1}: accepted {2}")
    @MethodSource("proxyCases")
    void throughAProxyTheCheckIsStillTheConfiguredHost(TestProxy.Kind kind, String certificate, boolean accepted)
            throws Exception {
        Identity identity = certificate.equals("ipOnly") ? certificates.ipOnly() : certificates.dnsOnly();
        smtp = ScriptedSmtpServer.start().offerStartTls(identity.serverContext());
        try (TestProxy proxy = TestProxy.start(kind, "proxy-user", "proxy-pass")) {
            SmtpManagedConnectionFactory settings = TestMailroom.secure(smtp.port(), "STARTTLS_REQUIRED");
            settings.setProxyType(kind.name());
            settings.setProxyHost("127.0.0.1");
            settings.setProxyPort(proxy.port());
            settings.setProxyUsername("proxy-user");
            settings.setProxyPassword("proxy-pass");
            check(settings, accepted);
        }
    }

    static Stream<Arguments> proxyCases() {
        return Stream.of(Arguments.of(TestProxy.Kind.SOCKS5, "ipOnly", true), Arguments.of(TestProxy.Kind.SOCKS5, "dnsOnly", false),
                Arguments.of(TestProxy.Kind.HTTP, "ipOnly", true), Arguments.of(TestProxy.Kind.HTTP, "dnsOnly", false));
    }

    private void check(SmtpManagedConnectionFactory settings, boolean accepted) throws Exception {
        if (accepted) {
            TestMailroom.sendOne(settings, "identity");
            assertEquals(1, smtp.messages().size());
            assertTrue(smtp.messages().get(0).overTls());
        } else {
            MailException e = assertThrows(MailException.class, () -> TestMailroom.sendOne(settings, "identity"));
            assertEquals(0, smtp.messages().size(), "nothing delivered; " + e.getMessage());
            assertTrue(smtp.commands().stream().noneMatch(c -> c.startsWith("MAIL")), smtp.commands().toString());
        }
    }
}
