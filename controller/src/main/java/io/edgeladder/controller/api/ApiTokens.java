package io.edgeladder.controller.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The bearer tokens the REST API accepts. Only their SHA-256 digests are kept, and {@link #accepts} compares
 * a presented token with every one of them in constant time (hashing first makes every comparison the same
 * length), so neither a token's content nor its length leaks through timing. Never prints a token:
 * {@link #toString()} says how many there are. Immutable; thread-safe.
 */
public final class ApiTokens {
  /** Tokens shorter than this are refused: a guessable token is no lock. */
  public static final int MIN_LENGTH = 16;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final List<byte[]> digests;

  private ApiTokens(List<byte[]> digests) {
    this.digests = List.copyOf(digests);
  }

  /**
   * @param tokens at least one, each at least {@value #MIN_LENGTH} characters without white space
   * @throws IllegalArgumentException naming the problem (never the token)
   */
  public static ApiTokens of(List<String> tokens) {
    if (tokens.isEmpty()) throw new IllegalArgumentException("no API token given");
    List<byte[]> digests = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      String problem = problem(tokens.get(i));
      if (problem != null) throw new IllegalArgumentException("API token " + (i + 1) + " " + problem);
      digests.add(sha256(tokens.get(i)));
    }
    return new ApiTokens(digests);
  }

  /** Why {@code token} cannot be an API token, or {@code null}. */
  public static String problem(String token) {
    if (token == null || token.length() < MIN_LENGTH) {
      return "must have at least " + MIN_LENGTH + " characters but has " + (token == null ? 0 : token.length());
    }
    for (int i = 0; i < token.length(); i++) {
      if (token.charAt(i) <= ' ' || token.charAt(i) == 0x7f) {
        return "must not contain spaces or control characters";
      }
    }
    return null;
  }

  /**
   * The tokens of a token file: one per line; blank lines and lines starting with {@code #} are skipped
   * (several lines let a token be rotated without downtime).
   *
   * @throws IOException when unreadable
   * @throws IllegalArgumentException when it holds no token or a bad one (the message names the line)
   */
  public static List<String> read(Path file) throws IOException {
    List<String> out = new ArrayList<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) continue;
      String problem = problem(line);
      if (problem != null) throw new IllegalArgumentException("line " + (i + 1) + ": the token " + problem);
      out.add(line);
    }
    if (out.isEmpty()) throw new IllegalArgumentException("holds no token (one per line)");
    return out;
  }

  /**
   * Writes a new random token (32 bytes, base64url: 43 characters) to {@code file}, created with mode 0600
   * where the file system has POSIX permissions; never overwrites.
   *
   * @return the token
   */
  public static String generate(Path file) throws IOException {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) Files.createDirectories(parent);
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    FileAttribute<?>[] mode = posix
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
        : new FileAttribute<?>[0];
    Files.createFile(file, mode);
    Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
    return token;
  }

  /** Whether {@code presented} is one of the tokens; takes the same time whichever (if any) it matches. */
  public boolean accepts(String presented) {
    if (presented == null) return false;
    byte[] digest = sha256(presented);
    boolean match = false;
    for (byte[] d : digests) {
      match |= MessageDigest.isEqual(d, digest);
    }
    return match;
  }

  public int size() {
    return digests.size();
  }

  @Override
  public String toString() {
    return "ApiTokens[" + digests.size() + " token(s)]";
  }

  private static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
