package io.edgeladder.agent.config;

import io.edgeladder.protocol.net.BrokerUrls;
import io.edgeladder.protocol.net.TlsSettings;
import io.edgeladder.protocol.net.TlsSocketFactories;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Binds the secret-bearing part of {@code broker:}: {@code passwordFile} (read here, so the secret need not
 * sit in the YAML) and {@code tls:} (every PEM file parsed here, so a bad file fails at startup naming its
 * key and path). No message ever contains a password or a file's contents.
 */
final class BrokerSecurityBinder {
  private BrokerSecurityBinder() {}

  /**
   * {@code broker.password}, or the first line of {@code broker.passwordFile}; null when neither is set
   * (problems reported for both set, an unreadable or an empty file).
   */
  static String password(Section b, String password, Path baseDir, Problems problems) {
    String file = b.string("passwordFile", null);
    if (file == null) return password;
    if (password != null) {
      problems.at(b.path("passwordFile"), "and " + b.path("password") + " are both set; keep one (the file"
          + " keeps the secret out of the YAML)");
      return null;
    }
    Path path = resolve(b, "passwordFile", file, baseDir, problems);
    if (path == null) return null;
    try {
      String text = Files.readString(path, StandardCharsets.UTF_8);
      int end = text.indexOf('\n');
      String first = (end < 0 ? text : text.substring(0, end)).strip();
      if (first.isEmpty()) {
        problems.at(b.path("passwordFile"), path + " is empty (expected the password on its first line)");
        return null;
      }
      return first;
    } catch (IOException e) {
      problems.at(b.path("passwordFile"), path + " cannot be read: " + e.getClass().getSimpleName());
      return null;
    }
  }

  /**
   * {@code broker.tls}, or null when the section is absent; every file is loaded once to check it. A
   * {@code tls:} section with a {@code tcp://} URL is a problem (it would silently connect in plain text).
   */
  static TlsSettings tls(Section b, String url, Path baseDir, Problems problems) {
    if (b.child("tls") == null || b.child("tls").isMissingNode() || b.child("tls").isNull()) {
      return null;
    }
    Section t = Section.open(b.child("tls"), b.path("tls"),
        (Shape.Obj) ((Shape.Obj) Schema.ROOT.fields().get("broker")).fields().get("tls"), problems);
    int before = problems.size();
    Path ca = optionalPath(t, "caFile", baseDir, problems);
    Path cert = optionalPath(t, "certFile", baseDir, problems);
    Path key = optionalPath(t, "keyFile", baseDir, problems);
    boolean verify = t.bool("verifyHostname", true);
    if (url != null && BrokerUrls.supported(url) && !BrokerUrls.isTls(url)) {
      problems.at(b.path("tls"), "needs an ssl:// or mqtts:// broker.url but it was '" + url + "'");
    }
    if ((cert == null) != (key == null)) {
      problems.at(t.path(cert == null ? "keyFile" : "certFile"), "needs " + t.path(cert == null ? "certFile"
          : "keyFile") + " too (mutual TLS takes a certificate and its key)");
    }
    if (problems.size() > before) return null;
    TlsSettings tls = new TlsSettings(ca, cert, key, verify);
    TlsSocketFactories.problems(tls, b.path("tls")).forEach(problems::add);
    return problems.size() > before ? null : tls;
  }

  private static Path optionalPath(Section s, String key, Path baseDir, Problems problems) {
    String value = s.string(key, null);
    return value == null ? null : resolve(s, key, value, baseDir, problems);
  }

  private static Path resolve(Section s, String key, String value, Path baseDir, Problems problems) {
    try {
      return baseDir.resolve(value).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      problems.at(s.path(key), "is not a valid path: '" + value + "'");
      return null;
    }
  }
}
