package io.mailroom.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.resource.spi.ConfigProperty;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Keeps the README's table of connection factory properties in step with the code. */
class ReadmeConfigurationTableTest {
    private static final String TABLE_HEADING = "### Connection factory properties";
    private static final String NO_DEFAULT = "(none)";

    @Test
    void everyConfigPropertyIsInTheReadmeWithItsDefault() throws IOException {
        assertEquals(propertiesInCode(), propertiesInReadme());
    }

    private static Map<String, String> propertiesInCode() {
        Map<String, String> properties = new TreeMap<>();
        for (Field field : SmtpManagedConnectionFactory.class.getDeclaredFields()) {
            ConfigProperty annotation = field.getAnnotation(ConfigProperty.class);
            if (annotation != null) {
                String defaultValue = annotation.defaultValue().isEmpty() ? NO_DEFAULT : annotation.defaultValue();
                properties.put(field.getName(), defaultValue);
            }
        }
        return properties;
    }

    /** Rows of the form {@code | `name` | `default` | meaning |} after the table's heading. */
    private static Map<String, String> propertiesInReadme() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("../../README.md"));
        int start = lines.indexOf(lines.stream().filter(l -> l.startsWith(TABLE_HEADING)).findFirst()
                .orElseThrow(() -> new AssertionError("README has no '" + TABLE_HEADING + "' section")));
        Map<String, String> properties = new TreeMap<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("#")) {
                break;
            }
            if (line.startsWith("| `")) {
                String[] cells = line.split("\\|");
                properties.put(unquote(cells[1]), unquote(cells[2]));
            }
        }
        return properties;
    }

    private static String unquote(String cell) {
        return cell.strip().replace("`", "");
    }
}
