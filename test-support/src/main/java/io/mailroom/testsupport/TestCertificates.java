package io.mailroom.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A test certificate authority and certificates it signed, made once per JVM with the JDK's
 * {@code keytool} into a temporary directory (deleted at exit): no key pair is checked in, and
 * no library beyond the JDK is needed. Every key store is PKCS12 with password {@link #PASSWORD}.
 *
 * <ul>
 * <li>{@link #localhost()}: a server certificate for {@code localhost} and {@code 127.0.0.1};
 * <li>{@link #wrongHost()}: a server certificate for {@code wrong.example} only;
 * <li>{@link #client()}: a client certificate, for TLS client authentication;
 * <li>{@link #selfSigned()}: a certificate for {@code localhost} that no authority signed.
 * </ul>
 */
public final class TestCertificates {
    /** The password of every key store and key. */
    public static final String PASSWORD = "changeit";
    private static final long KEYTOOL_SECONDS = 60;
    private static TestCertificates instance;

    private final Path dir;
    private final Path caPem;
    private final Path caTrustStore;
    private final Identity localhost;
    private final Identity wrongHost;
    private final Identity client;
    private final Identity selfSigned;
    private final Identity dnsOnly;
    private final Identity ipOnly;

    /**
     * A key pair with its certificate chain, as files.
     *
     * @param keyStore PKCS12 key store with the key and its chain (leaf, then the CA's)
     * @param certificatePem the chain as PEM
     * @param keyPem the private key as unencrypted PKCS#8 PEM, for servers such as Postfix
     */
    public record Identity(Path keyStore, Path certificatePem, Path keyPem) {
        /**
         * @return a server-side TLS context presenting this identity, and trusting the test
         *         authority's certificates (for client authentication)
         */
        public SSLContext serverContext() {
            return context(keyStore, instance.caTrustStore);
        }
    }

    private TestCertificates(Path dir) throws IOException {
        this.dir = dir;
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=Mailroom Test CA", "-ext", "bc:c", "-validity", "30", "-keystore", "ca.p12");
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-file", "ca.pem");
        this.caPem = dir.resolve("ca.pem");
        this.caTrustStore = trustStore(caPem, dir.resolve("ca-trust.p12"));
        // Each keytool run is a JVM start: the four identities are made side by side.
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<Identity> localhostFuture = pool.submit(
                    () -> signed("localhost", "CN=localhost", "SAN=dns:localhost,ip:127.0.0.1", "EKU=serverAuth"));
            Future<Identity> wrongHostFuture = pool.submit(
                    () -> signed("wrong-host", "CN=wrong.example", "SAN=dns:wrong.example", "EKU=serverAuth"));
            Future<Identity> clientFuture = pool.submit(
                    () -> signed("client", "CN=mailroom-client", "SAN=dns:mailroom-client", "EKU=clientAuth"));
            Future<Identity> selfSignedFuture = pool.submit(() -> {
                keytool("-genkeypair", "-alias", "self", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                        "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "30",
                        "-keystore", "self-signed.p12");
                return export("self-signed", "self");
            });
            Future<Identity> dnsOnlyFuture = pool.submit(
                    () -> signed("dns-only", "CN=localhost", "SAN=dns:localhost", "EKU=serverAuth"));
            Future<Identity> ipOnlyFuture = pool.submit(
                    () -> signed("ip-only", "CN=mailroom-ip-only", "SAN=ip:127.0.0.1", "EKU=serverAuth"));
            this.localhost = localhostFuture.get();
            this.dnsOnly = dnsOnlyFuture.get();
            this.ipOnly = ipOnlyFuture.get();
            this.wrongHost = wrongHostFuture.get();
            this.client = clientFuture.get();
            this.selfSigned = selfSignedFuture.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** @return the certificates, made on first use */
    public static synchronized TestCertificates get() {
        if (instance == null) {
            try {
                Path dir = Files.createTempDirectory("mailroom-test-certs");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir)));
                instance = new TestCertificates(dir);
            } catch (IOException e) {
                throw new IllegalStateException("cannot make test certificates: " + e.getMessage(), e);
            }
        }
        return instance;
    }

    /** @return the test authority's certificate, PEM */
    public Path caPem() {
        return caPem;
    }

    /** @return a PKCS12 trust store holding the test authority's certificate */
    public Path caTrustStore() {
        return caTrustStore;
    }

    /** @return a server identity for {@code localhost} and {@code 127.0.0.1}, signed by the test authority */
    public Identity localhost() {
        return localhost;
    }

    /** @return a server identity naming {@code localhost} as a DNS name only, no IP address */
    public Identity dnsOnly() {
        return dnsOnly;
    }

    /** @return a server identity naming {@code 127.0.0.1} as an IP address only, no DNS name (CN is no host) */
    public Identity ipOnly() {
        return ipOnly;
    }

    /** @return a server identity for {@code wrong.example} only, signed by the test authority */
    public Identity wrongHost() {
        return wrongHost;
    }

    /** @return a client identity signed by the test authority */
    public Identity client() {
        return client;
    }

    /** @return a self-signed identity for {@code localhost}: not trusted by anyone */
    public Identity selfSigned() {
        return selfSigned;
    }

    private Identity signed(String name, String dname, String san, String eku) throws IOException {
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", dname,
                "-validity", "30", "-keystore", name + ".p12");
        keytool("-certreq", "-alias", name, "-keystore", name + ".p12", "-file", name + ".csr");
        keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-infile", name + ".csr",
                "-outfile", name + "-leaf.pem", "-ext", san, "-ext", eku, "-validity", "30");
        try {
            KeyStore store = load(dir.resolve(name + ".p12"));
            PrivateKey key = (PrivateKey) store.getKey(name, PASSWORD.toCharArray());
            List<Certificate> chain = new ArrayList<>(certificates(dir.resolve(name + "-leaf.pem")));
            chain.addAll(certificates(caPem));
            store.setKeyEntry(name, key, PASSWORD.toCharArray(), chain.toArray(new Certificate[0]));
            try (OutputStream out = Files.newOutputStream(dir.resolve(name + ".p12"))) {
                store.store(out, PASSWORD.toCharArray());
            }
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
        return export(name, name);
    }

    /** Writes the chain and the key of the key store's entry as PEM. */
    private Identity export(String name, String alias) throws IOException {
        try {
            Path keyStore = dir.resolve(name + ".p12");
            KeyStore store = load(keyStore);
            StringBuilder chain = new StringBuilder();
            for (Certificate certificate : store.getCertificateChain(alias)) {
                chain.append(pem("CERTIFICATE", certificate.getEncoded()));
            }
            Path certificatePem = Files.writeString(dir.resolve(name + "-chain.pem"), chain);
            Path keyPem = Files.writeString(dir.resolve(name + "-key.pem"),
                    pem("PRIVATE KEY", store.getKey(alias, PASSWORD.toCharArray()).getEncoded()));
            return new Identity(keyStore, certificatePem, keyPem);
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    private static Path trustStore(Path pem, Path file) throws IOException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int n = 0;
            for (Certificate certificate : certificates(pem)) {
                store.setCertificateEntry("ca-" + n++, certificate);
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, PASSWORD.toCharArray());
            }
            return file;
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    private static SSLContext context(Path keyStore, Path trustStore) {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(load(keyStore), PASSWORD.toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(load(trustStore));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyStore load(Path file) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    private static Collection<? extends Certificate> certificates(Path pem) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pem)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private void keytool(String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        // A short-lived JVM: the quick compiler alone starts keytool three times faster.
        command.addAll(List.of("-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC"));
        command.addAll(List.of(arguments));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
        if (!arguments[0].equals("-exportcert")) {
            command.addAll(List.of("-keypass", PASSWORD));
        }
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(KEYTOOL_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("keytool " + arguments[0] + " took longer than " + KEYTOOL_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", arguments) + " failed: " + output);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // Temporary files: the OS cleans up what is left.
        }
    }
}
