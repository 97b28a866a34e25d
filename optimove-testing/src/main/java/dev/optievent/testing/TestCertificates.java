package dev.optievent.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Certificates made for one test run, so that TLS can be tested without a private key checked into
 * the repository and without the network. The JDK has no public API that writes an X.509
 * certificate, so this runs the running JDK's own {@code keytool} (from {@code java.home}) into a
 * temporary directory (deleted when the JVM exits): about half a second per key pair. Make them
 * once per test class.
 *
 * <pre>{@code
 * TestCertificates.Authority ca = TestCertificates.authority("Test CA");
 * TestCertificates.Identity server = ca.issue("dns:localhost", "ip:127.0.0.1");
 * FakeOptimoveServer https = FakeOptimoveServer.builder().https(server.serverContext()).start();
 * SSLContext trusting = ca.clientContext(); // give this to the client under test
 * }</pre>
 *
 * <p>Subject alternative names are written as {@code keytool} takes them: {@code dns:localhost},
 * {@code ip:127.0.0.1}. Keys are EC P-256, valid for two days. Every key store's password is {@link
 * #PASSWORD}: these are throw-away test keys.
 */
public final class TestCertificates {

  /** The password of every key store this class writes. */
  public static final String PASSWORD = "changeit";

  private static final long KEYTOOL_TIMEOUT_SECONDS = 60;

  private TestCertificates() {}

  /**
   * Makes a new certificate authority (a self-signed CA certificate and its key).
   *
   * @param commonName the CA's common name, such as {@code Test CA}
   * @return the authority
   * @throws UncheckedIOException if {@code keytool} could not be run or failed
   */
  public static Authority authority(String commonName) {
    Path dir = tempDir();
    Path store = dir.resolve("ca.p12");
    keytool(
        "-genkeypair",
        "-alias",
        "ca",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=" + commonName,
        "-ext",
        "bc:c",
        "-validity",
        "2",
        "-keystore",
        store.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        PASSWORD);
    return new Authority(dir, store, load(store));
  }

  /**
   * Makes a self-signed server certificate: trusted by nobody unless you trust it ({@link
   * Identity#clientContext()}).
   *
   * @param subjectAltNames such as {@code dns:localhost}, {@code ip:127.0.0.1}
   * @return the certificate and its key
   * @throws UncheckedIOException if {@code keytool} could not be run or failed
   */
  public static Identity selfSigned(String... subjectAltNames) {
    Path dir = tempDir();
    Path store = dir.resolve("server.p12");
    keytool(
        "-genkeypair",
        "-alias",
        "server",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=" + firstName(subjectAltNames),
        "-ext",
        "SAN=" + String.join(",", subjectAltNames),
        "-validity",
        "2",
        "-keystore",
        store.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        PASSWORD);
    return new Identity(load(store));
  }

  /** A certificate authority: issues server certificates, and is what clients trust. */
  public static final class Authority {
    private final Path dir;
    private final Path store;
    private final KeyStore keyStore;
    private final X509Certificate certificate;

    private Authority(Path dir, Path store, KeyStore keyStore) {
      this.dir = dir;
      this.store = store;
      this.keyStore = keyStore;
      this.certificate = firstCertificate(keyStore);
    }

    /**
     * Issues a server certificate signed by this authority.
     *
     * @param subjectAltNames such as {@code dns:localhost}, {@code ip:127.0.0.1}; a name the client
     *     does not connect to makes a certificate that fails hostname verification
     * @return the certificate (with this authority's certificate in its chain) and its key
     * @throws UncheckedIOException if {@code keytool} could not be run or failed
     */
    public Identity issue(String... subjectAltNames) {
      Path work = tempDir();
      Path serverStore = work.resolve("server.p12");
      Path csr = work.resolve("server.csr");
      Path crt = work.resolve("server.crt");
      keytool(
          "-genkeypair",
          "-alias",
          "server",
          "-keyalg",
          "EC",
          "-groupname",
          "secp256r1",
          "-dname",
          "CN=" + firstName(subjectAltNames),
          "-validity",
          "2",
          "-keystore",
          serverStore.toString(),
          "-storetype",
          "PKCS12",
          "-storepass",
          PASSWORD);
      keytool(
          "-certreq",
          "-alias",
          "server",
          "-keystore",
          serverStore.toString(),
          "-storepass",
          PASSWORD,
          "-file",
          csr.toString());
      keytool(
          "-gencert",
          "-alias",
          "ca",
          "-keystore",
          store.toString(),
          "-storepass",
          PASSWORD,
          "-infile",
          csr.toString(),
          "-outfile",
          crt.toString(),
          "-ext",
          "SAN=" + String.join(",", subjectAltNames),
          "-validity",
          "2",
          "-rfc");
      try (InputStream in = Files.newInputStream(crt)) {
        X509Certificate signed =
            (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        KeyStore generated = load(serverStore);
        Key key = generated.getKey("server", PASSWORD.toCharArray());
        KeyStore chained = emptyStore();
        chained.setKeyEntry(
            "server", key, PASSWORD.toCharArray(), new Certificate[] {signed, certificate});
        return new Identity(chained);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("Could not read the certificate keytool wrote", e);
      }
    }

    /**
     * @return the authority's own (self-signed) certificate
     */
    public X509Certificate certificate() {
      return certificate;
    }

    /**
     * A key store holding only this authority's certificate, as a trusted entry.
     *
     * @return a new PKCS12 key store
     */
    public KeyStore trustStore() {
      return TestCertificates.trustStore(certificate);
    }

    /**
     * A TLS context for a client that trusts this authority and nothing else.
     *
     * @return a new context
     */
    public SSLContext clientContext() {
      return TestCertificates.clientContext(trustStore());
    }

    /**
     * Writes {@link #trustStore()} to a PKCS12 file (password {@link #PASSWORD}), such as for
     * {@code OPTIMOVE_TRUST_STORE}.
     *
     * @return the file, in a temporary directory
     */
    public Path writeTrustStore() {
      Path file = dir.resolve("trust.p12");
      try (var out = Files.newOutputStream(file)) {
        trustStore().store(out, PASSWORD.toCharArray());
        return file;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }

    /**
     * Writes this authority's certificate as PEM ({@code -----BEGIN CERTIFICATE-----}).
     *
     * @return the file, in a temporary directory
     */
    public Path writePem() {
      Path file = dir.resolve("ca.pem");
      try {
        Files.writeString(file, pem(certificate), StandardCharsets.US_ASCII);
        return file;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public String toString() {
      return "TestCertificates.Authority[" + certificate.getSubjectX500Principal() + "]";
    }
  }

  /** A certificate and its private key: what a TLS server presents. */
  public static final class Identity {
    private final KeyStore keyStore;
    private final X509Certificate certificate;

    private Identity(KeyStore keyStore) {
      this.keyStore = keyStore;
      this.certificate = firstCertificate(keyStore);
    }

    /**
     * @return the certificate (the first of its chain)
     */
    public X509Certificate certificate() {
      return certificate;
    }

    /**
     * @return the key store holding the key and its chain under the alias {@code server}, password
     *     {@link #PASSWORD}
     */
    public KeyStore keyStore() {
      return keyStore;
    }

    /**
     * A TLS context for a server that presents this certificate.
     *
     * @return a new context
     */
    public SSLContext serverContext() {
      try {
        KeyManagerFactory kmf =
            KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keyStore, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("Could not make a server TLS context", e);
      }
    }

    /**
     * A TLS context for a client that trusts this very certificate (useful for a self-signed one).
     *
     * @return a new context
     */
    public SSLContext clientContext() {
      return TestCertificates.clientContext(TestCertificates.trustStore(certificate));
    }

    @Override
    public String toString() {
      return "TestCertificates.Identity[" + certificate.getSubjectX500Principal() + "]";
    }
  }

  /**
   * A certificate in PEM form.
   *
   * @param certificate the certificate
   * @return {@code -----BEGIN CERTIFICATE-----} ... {@code -----END CERTIFICATE-----}
   */
  public static String pem(X509Certificate certificate) {
    try {
      return "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
          + "\n-----END CERTIFICATE-----\n";
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyStore trustStore(X509Certificate certificate) {
    try {
      KeyStore store = emptyStore();
      store.setCertificateEntry("trusted", certificate);
      return store;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static SSLContext clientContext(KeyStore trustStore) {
    try {
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trustStore);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Could not make a client TLS context", e);
    }
  }

  private static KeyStore emptyStore() throws GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try {
      store.load(null, null);
    } catch (IOException impossible) {
      throw new IllegalStateException(impossible);
    }
    return store;
  }

  private static X509Certificate firstCertificate(KeyStore store) {
    try {
      for (String alias : java.util.Collections.list(store.aliases())) {
        Certificate c = store.getCertificate(alias);
        if (c instanceof X509Certificate) {
          return (X509Certificate) c;
        }
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    throw new IllegalStateException("No certificate in the key store keytool wrote");
  }

  private static KeyStore load(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, PASSWORD.toCharArray());
      return store;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Could not read the key store keytool wrote", e);
    }
  }

  /** The first name, without its {@code dns:}/{@code ip:} prefix, for the certificate's CN. */
  private static String firstName(String... subjectAltNames) {
    if (subjectAltNames.length == 0) {
      throw new IllegalArgumentException("Give at least one subject alternative name");
    }
    String first = Objects.requireNonNull(subjectAltNames[0], "subjectAltNames[0]");
    int colon = first.indexOf(':');
    return colon < 0 ? first : first.substring(colon + 1);
  }

  private static Path tempDir() {
    try {
      Path dir = Files.createTempDirectory("optimove-test-certs");
      dir.toFile().deleteOnExit();
      for (String file :
          List.of("ca.p12", "server.p12", "server.csr", "server.crt", "trust.p12", "ca.pem")) {
        // Deleted at exit before the directory (the JDK deletes in reverse order of registration).
        dir.resolve(file).toFile().deleteOnExit();
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void keytool(String... args) {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    List<String> command = new ArrayList<>();
    command.add(keytool.toString());
    command.add("-J-XX:TieredStopAtLevel=1");
    command.addAll(List.of(args));
    command.add("-noprompt");
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getOutputStream().close();
      byte[] output = p.getInputStream().readAllBytes();
      if (!p.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new UncheckedIOException(new IOException("keytool " + args[0] + " timed out"));
      }
      if (p.exitValue() != 0) {
        throw new UncheckedIOException(
            new IOException(
                "keytool "
                    + args[0]
                    + " failed ("
                    + p.exitValue()
                    + "): "
                    + new String(output, StandardCharsets.UTF_8).strip()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not run " + keytool, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new IOException("Interrupted while running keytool", e));
    }
  }
}
