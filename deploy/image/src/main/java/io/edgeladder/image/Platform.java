package io.edgeladder.image;

/**
 * A target platform: its OCI architecture, Debian architecture, GNU multiarch triplet, ELF machine
 * (e_machine) and the folder of ONNX Runtime's native libraries inside the onnxruntime jar.
 */
public enum Platform {
  AMD64("amd64", "amd64", "x86_64-linux-gnu", 62, "linux-x64"),
  ARM64("arm64", "arm64", "aarch64-linux-gnu", 183, "linux-aarch64");

  private final String ociArch;
  private final String debArch;
  private final String triplet;
  private final int elfMachine;
  private final String ortNativeDir;

  Platform(String ociArch, String debArch, String triplet, int elfMachine, String ortNativeDir) {
    this.ociArch = ociArch;
    this.debArch = debArch;
    this.triplet = triplet;
    this.elfMachine = elfMachine;
    this.ortNativeDir = ortNativeDir;
  }

  public String ociArch() {
    return ociArch;
  }

  public String debArch() {
    return debArch;
  }

  public String triplet() {
    return triplet;
  }

  /** ELF e_machine: 62 = EM_X86_64, 183 = EM_AARCH64. */
  public int elfMachine() {
    return elfMachine;
  }

  /** Folder under {@code ai/onnxruntime/native/} in the onnxruntime jar. */
  public String ortNativeDir() {
    return ortNativeDir;
  }
}
