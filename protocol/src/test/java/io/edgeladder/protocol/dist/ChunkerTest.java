package io.edgeladder.protocol.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkerTest {
  @TempDir Path dir;

  @Test
  void sha256_knownVector() throws IOException {
    String abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    assertThat(Sha256.hex("abc".getBytes(StandardCharsets.US_ASCII))).isEqualTo(abc);
    assertThat(Sha256.hex(Files.writeString(dir.resolve("abc"), "abc"))).isEqualTo(abc);
    assertThat(Sha256.hex("xabcx".getBytes(StandardCharsets.US_ASCII), 1, 3)).isEqualTo(abc);
  }

  @Test
  void describe_cutsIntoChunksWithTheirHashes() throws IOException {
    Path file = DistSamples.file(dir, "m.onnx", 300_001, 7);
    byte[] bytes = Files.readAllBytes(file);

    Artifact a = Chunker.of(65_536).describe("fp32", file);

    assertThat(a.size()).isEqualTo(300_001);
    assertThat(a.sha256()).isEqualTo(Sha256.hex(bytes)).isEqualTo(Sha256.hex(file));
    assertThat(a.chunkCount()).isEqualTo(5);
    assertThat(a.length(4)).isEqualTo(300_001 - 4 * 65_536);
    for (int i = 0; i < 5; i++) {
      byte[] chunk = Chunker.read(file, a, i);
      assertThat(chunk).isEqualTo(Arrays.copyOfRange(bytes, i * 65_536, Math.min(bytes.length, (i + 1) * 65_536)));
      assertThat(Sha256.hex(chunk)).isEqualTo(a.chunks().get(i));
    }
  }

  @Test
  void describe_sameBytes_sameArtifact() throws IOException {
    Path one = DistSamples.file(dir, "a", 100_000, 3);
    Path two = DistSamples.file(dir, "b", 100_000, 3);
    assertThat(Chunker.of(4096).describe("v", one)).isEqualTo(Chunker.of(4096).describe("v", two));
    assertThat(Chunker.of(4096).describe("v", one)).isNotEqualTo(Chunker.of(8192).describe("v", one));
  }

  @Test
  void describe_exactMultiple_noShortLastChunk() throws IOException {
    Artifact a = Chunker.of(1000).describe("v", DistSamples.file(dir, "a", 3000, 1));
    assertThat(a.chunkCount()).isEqualTo(3);
    assertThat(a.length(2)).isEqualTo(1000);
  }

  @Test
  void describe_emptyFile_rejected() throws IOException {
    Path empty = Files.createFile(dir.resolve("empty.onnx"));
    assertThatThrownBy(() -> Chunker.ofDefaults().describe("v", empty)).hasMessageContaining("empty file");
  }

  @Test
  void read_fileShorterThanArtifact_eof() throws IOException {
    Path file = DistSamples.file(dir, "a", 3000, 1);
    Artifact a = Chunker.of(1000).describe("v", file);
    Files.write(file, new byte[2500]);
    assertThatThrownBy(() -> Chunker.read(file, a, 2)).hasMessageContaining("ends before chunk 2");
  }

  @Test
  void artifact_wrongChunkCountOrSize_namesField() {
    String sha = "c".repeat(64);
    assertThatThrownBy(() -> new Artifact("v", sha, 2500, 1000, java.util.List.of(sha, sha)))
        .hasMessage("Artifact.chunks must hold 3 hashes for size 2500 and chunkSize 1000 but holds 2");
    assertThatThrownBy(() -> new Artifact("v", sha, 1, Artifact.MAX_CHUNK_SIZE + 1, java.util.List.of(sha)))
        .hasMessageStartingWith("Artifact.chunkSize must be <= ");
    assertThatThrownBy(() -> new Artifact("v", sha, 1, 1, java.util.List.of("C".repeat(64))))
        .hasMessageStartingWith("Artifact.chunks[0] must be 64 lower-case hex digits");
    assertThatThrownBy(() -> Chunker.of(0)).hasMessageStartingWith("chunkSize must be in [1, ");
  }

  @Test
  void verifyFile_sizeOrContentDiffers_typedRejection() throws Exception {
    Path file = DistSamples.file(dir, "a", 3000, 1);
    Artifact a = Chunker.of(1000).describe("v", file);
    a.verifyFile(file);

    Files.write(file, Arrays.copyOf(Files.readAllBytes(file), 2999));
    assertThatThrownBy(() -> a.verifyFile(file)).isInstanceOf(VerificationException.class)
        .satisfies(e -> assertThat(((VerificationException) e).reason()).isEqualTo(Rejection.SIZE_MISMATCH));
    Files.write(file, new byte[3000]);
    assertThatThrownBy(() -> a.verifyFile(file))
        .satisfies(e -> assertThat(((VerificationException) e).reason()).isEqualTo(Rejection.FILE_HASH_MISMATCH));
  }
}
