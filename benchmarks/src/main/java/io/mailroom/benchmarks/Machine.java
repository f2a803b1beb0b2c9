package io.mailroom.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The machine a run happened on, for the header of the results.
 *
 * @param date when the run started
 * @param processors CPUs available to the JVM ({@code nproc})
 * @param cpuModel the CPU's model name from {@code /proc/cpuinfo}
 * @param memory total memory from {@code /proc/meminfo}
 * @param os the operating system name and kernel version
 * @param javaVersion what {@code java -version} prints for the JVM running the benchmarks
 * @param jvmArguments this JVM's flags
 * @param loadAverage the one-minute load average when the run started
 */
public record Machine(String date, int processors, String cpuModel, String memory, String os, String javaVersion,
                      String jvmArguments, double loadAverage) {

    /** @return the machine this JVM runs on, now */
    public static Machine current() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new Machine(
                ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm zzz", Locale.ROOT)),
                Runtime.getRuntime().availableProcessors(),
                procField("/proc/cpuinfo", "model name"),
                procField("/proc/meminfo", "MemTotal"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                Commands.outputOr(System.getProperty("java.runtime.version"), Duration.ofSeconds(20), List.of(java, "-version"))
                        .replace("\r", "").replace("\n", "; "),
                String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()),
                loadAverageNow());
    }

    /** @return the one-minute load average now, or -1 where the system does not tell */
    public static double loadAverageNow() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static String procField(String file, String name) {
        try (Stream<String> lines = Files.lines(Path.of(file))) {
            return lines.filter(l -> l.startsWith(name))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst().orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
