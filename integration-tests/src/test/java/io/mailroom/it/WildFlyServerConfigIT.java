package io.mailroom.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * server-config/wildfly/mailroom.xml is what server-config/wildfly/mailroom.cli writes: the build
 * runs the script on a fresh standalone-microprofile.xml (which fails the build if WildFly refuses
 * it), and this compares the resource-adapters subsystem it wrote with the file users copy.
 * Runs in the WildFly execution only (the Liberty execution excludes it); it needs no server.
 */
class WildFlyServerConfigIT {

    @Test
    void theDocumentedSubsystemIsWhatTheScriptWrites() throws Exception {
        assumeTrue(ItServer.isWildFly(), "the WildFly execution checks this");
        Document written = parse(Path.of(System.getProperty("mailroom.wildfly.server-config.written")));
        Document documented = parse(Path.of(System.getProperty("mailroom.wildfly.server-config.documented")));
        Element subsystem = (Element) written.getElementsByTagNameNS("urn:jboss:domain:resource-adapters:7.1", "subsystem").item(0);
        assertEquals(canonical(documented.getDocumentElement()), canonical(subsystem),
                "server-config/wildfly/mailroom.xml is not what mailroom.cli writes");
    }

    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setIgnoringComments(true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    /** Elements, attributes and trimmed text, one per line; whitespace between elements does not count. */
    private static String canonical(Node node) {
        StringBuilder out = new StringBuilder();
        if (node instanceof Element element) {
            out.append('<').append(element.getLocalName());
            var attributes = element.getAttributes();
            for (int i = 0; i < attributes.getLength(); i++) {
                Node a = attributes.item(i);
                if (!"xmlns".equals(a.getPrefix()) && !"xmlns".equals(a.getNodeName())) {
                    out.append(' ').append(a.getNodeName()).append("=\"").append(a.getNodeValue()).append('"');
                }
            }
            out.append(">\n");
            for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
                out.append(canonical(child));
            }
            out.append("</").append(element.getLocalName()).append(">\n");
        } else if (node.getNodeType() == Node.TEXT_NODE && !node.getNodeValue().isBlank()) {
            out.append(node.getNodeValue().strip()).append('\n');
        }
        return out.toString();
    }
}
