package io.mailroom.adapter;

import io.mailroom.testsupport.ScriptedSmtpServer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** A {@link ScriptedSmtpServer} and a {@link TestMailroom} sending to it, fresh for each test. */
final class ScriptedServerExtension implements BeforeEachCallback, AfterEachCallback {
    private ScriptedSmtpServer smtp;
    private TestMailroom mailroom;

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        smtp = ScriptedSmtpServer.start();
        mailroom = TestMailroom.on(smtp.port());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        mailroom.close();
        smtp.close();
    }

    ScriptedSmtpServer smtp() {
        return smtp;
    }

    TestMailroom mailroom() {
        return mailroom;
    }
}
