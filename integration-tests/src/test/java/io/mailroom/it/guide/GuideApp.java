package io.mailroom.it.guide;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Map;

/**
 * Builds {@code src/test/guide-app} (a WAR that imports {@code mailroom-bom} and injects
 * {@code MailSender}) with Maven, offline, against {@code target/guide-repo}: the build installed
 * Mailroom's artifacts there (never into ~/.m2). Maven's own plugins and Jakarta EE's API come
 * from the user's repository, linked into it: jars and zips as symbolic links (read only), every
 * other file (poms, Maven's bookkeeping, which it may rewrite) copied.
 */
final class GuideApp {
    private GuideApp() {
    }

    static Path build(Path checkout, Path work, Path repo, Path userRepo, String maven, String version, Shell shell)
            throws Exception {
        seed(userRepo, repo);
        Path app = work.resolve("my-app");
        copyTree(checkout.resolve("integration-tests/src/test/guide-app"), app);
        Path pom = app.resolve("pom.xml");
        Files.writeString(pom, Files.readString(pom).replace("@mailroom.version@", version));
        shell.run(maven + " -o -B -q -Dmaven.repo.local=" + repo + " package", app, Map.of(), Duration.ofMinutes(5));
        return app.resolve("target/my-app.war");
    }

    /** Makes the user's artifacts visible in {@code repo}, except Mailroom's own (installed there already). */
    private static void seed(Path userRepo, Path repo) throws IOException {
        Files.walkFileTree(userRepo, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path relative = userRepo.relativize(dir);
                if (relative.startsWith(Path.of("io", "mailroom"))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(repo.resolve(relative.toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path target = repo.resolve(userRepo.relativize(file).toString());
                if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    return FileVisitResult.CONTINUE;
                }
                String name = file.getFileName().toString();
                if (name.endsWith(".jar") || name.endsWith(".zip")) {
                    Files.createSymbolicLink(target, file);
                } else {
                    Files.copy(file, target);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
