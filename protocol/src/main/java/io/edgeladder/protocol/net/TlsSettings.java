package io.edgeladder.protocol.net;

import java.nio.file.Path;

/**
 * TLS to an MQTT broker, as configured ({@code broker.tls.*} in the agent's and the controller's YAML).
 * Built into a socket factory by {@link TlsSocketFactories}. Immutable; holds paths, never key material.
 *
 * @param caFile PEM file of the certificate authorities that may sign the broker's certificate; {@code null}
 *     trusts the JDK's default store (a broker with a public certificate)
 * @param certFile PEM client certificate (chain) for mutual TLS; {@code null} for none
 * @param keyFile PKCS#8 PEM private key of {@code certFile} ({@code -----BEGIN PRIVATE KEY-----}); set
 *     together with {@code certFile}
 * @param verifyHostname whether the broker's certificate must name the host of the broker URL (on by
 *     default; turning it off allows a man in the middle holding any certificate of the same CA)
 */
public record TlsSettings(Path caFile, Path certFile, Path keyFile, boolean verifyHostname) {
  public TlsSettings {
    if ((certFile == null) != (keyFile == null)) {
      throw new IllegalArgumentException("broker.tls.certFile and broker.tls.keyFile must be set together (mutual"
          + " TLS) but only " + (certFile == null ? "keyFile" : "certFile") + " was");
    }
  }

  /** Server authentication against {@code caFile}, hostname verification on, no client certificate. */
  public static TlsSettings of(Path caFile) {
    return new TlsSettings(caFile, null, null, true);
  }

  /** The same trust with a client certificate (mutual TLS). */
  public TlsSettings withClientCertificate(Path newCertFile, Path newKeyFile) {
    return new TlsSettings(caFile, newCertFile, newKeyFile, verifyHostname);
  }

  public TlsSettings withVerifyHostname(boolean verify) {
    return new TlsSettings(caFile, certFile, keyFile, verify);
  }

  /** Whether a client certificate is presented. */
  public boolean mutual() {
    return certFile != null;
  }
}
