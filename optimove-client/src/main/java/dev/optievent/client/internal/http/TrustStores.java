package dev.optievent.client.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Arrays;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Reads a trust store file (PKCS12 or JKS, or PEM certificates) into a TLS context that trusts
 * exactly the certificates it holds. Internal.
 */
public final class TrustStores {

  private TrustStores() {}

  /**
   * A TLS context that trusts the certificates in {@code file} and nothing else.
   *
   * @param file a PKCS12 or JKS key store, or a text file of PEM certificates ({@code -----BEGIN
   *     CERTIFICATE-----})
   * @param password the key store's password, or {@code null} (ignored for PEM)
   * @return the context
   * @throws IOException if the file cannot be read or holds no certificate; the message never shows
   *     the password
   */
  public static SSLContext context(Path file, String password) throws IOException {
    KeyStore store = load(file, password);
    try {
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot make a TLS context of it: " + e.getMessage(), e);
    }
  }

  private static KeyStore load(Path file, String password) throws IOException {
    byte[] start;
    try (InputStream in = Files.newInputStream(file)) {
      start = in.readNBytes(64);
    }
    try {
      KeyStore store;
      if (new String(start, StandardCharsets.US_ASCII).contains("-----BEGIN")) {
        store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(file)) {
          certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        int i = 0;
        for (Certificate c : certificates) {
          store.setCertificateEntry("pem-" + i++, c);
        }
      } else {
        char[] chars = password == null ? null : password.toCharArray();
        try {
          store = KeyStore.getInstance(file.toFile(), chars);
        } finally {
          if (chars != null) {
            Arrays.fill(chars, '\0');
          }
        }
      }
      if (store.size() == 0) {
        throw new IOException("it holds no certificate");
      }
      return store;
    } catch (GeneralSecurityException e) {
      throw new IOException("it is not a PKCS12 or JKS key store or PEM certificates", e);
    } catch (IOException e) {
      // KeyStore.load says "keystore password was incorrect" and the like: never the password.
      throw new IOException(e.getMessage() == null ? "cannot read it" : e.getMessage(), e);
    }
  }
}
