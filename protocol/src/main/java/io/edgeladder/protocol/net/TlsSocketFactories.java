package io.edgeladder.protocol.net;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the {@link SSLSocketFactory} of a {@link TlsSettings} with JDK APIs only: the CA file's certificates
 * as the only trust anchors (or the JDK's default store when there is none), the client certificate and key
 * in an in-memory key store for mutual TLS, TLS 1.2 or 1.3, and {@code TCP_NODELAY} on every socket (see
 * {@link TcpNoDelaySocketFactory}). Hostname verification is the MQTT client's part (Paho's
 * {@code httpsHostnameVerificationEnabled}). Stateless.
 */
public final class TlsSocketFactories {
  private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

  private TlsSocketFactories() {}

  /**
   * @param keyPrefix the configuration section for messages, e.g. {@code broker.tls}
   * @throws TlsConfigException naming the key and file of the first file that cannot be used
   */
  public static SSLSocketFactory create(TlsSettings settings, String keyPrefix) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(settings.mutual() ? keyManagers(settings, keyPrefix).getKeyManagers() : null,
          trustManagers(settings, keyPrefix).getTrustManagers(), new SecureRandom());
      return new NoDelaySslSocketFactory(context.getSocketFactory(), PROTOCOLS);
    } catch (GeneralSecurityException | IOException e) {
      throw new TlsConfigException(keyPrefix + ": cannot build a TLS context: " + e.getMessage(), e);
    }
  }

  /**
   * Checks every file of {@code settings} on its own (then whether key and certificate belong together), so
   * a config loader reports all of them at once; empty when a context can be built.
   */
  public static List<String> problems(TlsSettings settings, String keyPrefix) {
    List<String> problems = new ArrayList<>();
    if (settings.caFile() != null) {
      check(problems, () -> PemFiles.certificates(keyPrefix + ".caFile", settings.caFile()));
    }
    if (settings.mutual()) {
      List<X509Certificate> chain = check(problems,
          () -> PemFiles.certificates(keyPrefix + ".certFile", settings.certFile()));
      PrivateKey key = check(problems, () -> PemFiles.privateKey(keyPrefix + ".keyFile", settings.keyFile()));
      if (chain != null && key != null) {
        check(problems, () -> {
          PemFiles.checkPair(keyPrefix + ".certFile", settings.certFile(), chain.get(0),
              keyPrefix + ".keyFile", settings.keyFile(), key);
          return key;
        });
      }
    }
    if (problems.isEmpty()) {
      check(problems, () -> create(settings, keyPrefix));
    }
    return problems;
  }

  private static <T> T check(List<String> problems, Supplier<T> step) {
    try {
      return step.get();
    } catch (TlsConfigException e) {
      problems.add(e.getMessage());
      return null;
    }
  }

  private static TrustManagerFactory trustManagers(TlsSettings settings, String keyPrefix)
      throws GeneralSecurityException, IOException {
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    if (settings.caFile() == null) {
      factory.init((KeyStore) null); // the JDK's cacerts
      return factory;
    }
    List<X509Certificate> cas = PemFiles.certificates(keyPrefix + ".caFile", settings.caFile());
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    for (int i = 0; i < cas.size(); i++) {
      store.setCertificateEntry("ca-" + i, cas.get(i));
    }
    factory.init(store);
    return factory;
  }

  private static KeyManagerFactory keyManagers(TlsSettings settings, String keyPrefix)
      throws GeneralSecurityException, IOException {
    List<X509Certificate> chain = PemFiles.certificates(keyPrefix + ".certFile", settings.certFile());
    PrivateKey key = PemFiles.privateKey(keyPrefix + ".keyFile", settings.keyFile());
    PemFiles.checkPair(keyPrefix + ".certFile", settings.certFile(), chain.get(0), keyPrefix + ".keyFile",
        settings.keyFile(), key);
    // The store never leaves memory; its password only satisfies the API.
    char[] password = new char[0];
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("client", key, password, chain.toArray(new X509Certificate[0]));
    KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(store, password);
    return factory;
  }
}
