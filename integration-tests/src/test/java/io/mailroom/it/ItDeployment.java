package io.mailroom.it;

import java.io.File;
import java.util.Objects;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Builds what every in-server test deploys: {@code mailroom-it.ear} holding the real
 * {@code mailroom.rar} from the build and a test WAR. The WAR sees the adapter's API through
 * the EAR, exactly as an application packaged with the adapter does; it carries GreenMail and the
 * test-support jar, but no copy of the API or of jakarta.mail.
 */
final class ItDeployment {
    static final String APP = "mailroom-it";

    private ItDeployment() {
    }

    /**
     * The same archive with the Mailroom CDI extension in the WAR, as an application bundles it,
     * and the given MicroProfile Config properties.
     */
    static EnterpriseArchive earWithCdi(String microprofileConfig, Class<?>... testClasses) {
        File libs = new File(System.getProperty("mailroom.it.libs"));
        EnterpriseArchive ear = ear(testClasses);
        WebArchive war = ear.getAsType(WebArchive.class, "tests.war");
        war.addAsLibraries(Objects.requireNonNull(new File(libs, "cdi").listFiles()))
                .addAsResource(new StringAsset(microprofileConfig), "META-INF/microprofile-config.properties");
        return ear;
    }

    static EnterpriseArchive ear(Class<?>... testClasses) {
        File libs = new File(Objects.requireNonNull(System.getProperty("mailroom.it.libs"), "mailroom.it.libs"));
        ResourceAdapterArchive rar = ShrinkWrap.createFromZipFile(ResourceAdapterArchive.class,
                new File(libs, "mailroom.rar"));
        WebArchive war = ShrinkWrap.create(WebArchive.class, "tests.war")
                .addClasses(ItDeployment.class, ItServer.class, TestSmtpServers.class, Mailbox.class)
                .addClasses(testClasses)
                .addAsLibraries(Objects.requireNonNull(new File(libs, "war").listFiles()));
        return ShrinkWrap.create(EnterpriseArchive.class, APP + ".ear")
                .addAsModule(rar)
                .addAsModule(war)
                .setApplicationXML(new StringAsset("""
                        <?xml version="1.0" encoding="UTF-8"?>
                        <application xmlns="https://jakarta.ee/xml/ns/jakartaee" version="10">
                          <display-name>mailroom-it</display-name>
                          <module><connector>mailroom.rar</connector></module>
                          <module><web><web-uri>tests.war</web-uri><context-root>/tests</context-root></web></module>
                        </application>
                        """));
    }
}
