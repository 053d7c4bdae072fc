package org.forcelink.reliability;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for 127.0.0.1 made at test time with the JDK's keytool: a PKCS12 key store
 * for the servers (hub HTTPS, broker acceptor) and a trust store holding only that certificate for the
 * clients.
 */
record TestCertificate(Path keyStore, Path trustStore, String password) {

    static TestCertificate generate(Path dir) {
        String password = "changeit-" + Long.toHexString(System.nanoTime());
        Path keyStore = dir.resolve("server.p12");
        Path certificate = dir.resolve("server.crt");
        Path trustStore = dir.resolve("trust.p12");
        keytool(dir, "-genkeypair", "-alias", "forcelink", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1, O=ForceLink tests", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", password,
                "-keypass", password);
        keytool(dir, "-exportcert", "-alias", "forcelink", "-keystore", keyStore.toString(), "-storepass", password,
                "-file", certificate.toString());
        keytool(dir, "-importcert", "-noprompt", "-alias", "forcelink", "-file", certificate.toString(),
                "-storetype", "PKCS12", "-keystore", trustStore.toString(), "-storepass", password);
        return new TestCertificate(keyStore, trustStore, password);
    }

    private static void keytool(Path dir, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Path log = dir.resolve("keytool.log");
        Process process = Processes.start(command, dir, Map.of(), log);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                Processes.killHard(process);
                throw new IllegalStateException("keytool " + arguments[0] + " failed:\n" + Processes.tail(log, 20));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A client TLS context that trusts this certificate only. */
    SSLContext clientContext() {
        try (InputStream in = Files.newInputStream(trustStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("cannot load trust store " + trustStore, e);
        }
    }

    /** Artemis acceptor parameters (appended after the acceptor's own). */
    String acceptorParameters() {
        return ";sslEnabled=true;keyStorePath=" + keyStore + ";keyStorePassword=" + password + ";keyStoreType=PKCS12";
    }

    /** Artemis client URL parameters. */
    String clientParameters() {
        return "sslEnabled=true&trustStorePath=" + trustStore + "&trustStorePassword=" + password
                + "&trustStoreType=PKCS12&verifyHost=true";
    }
}
