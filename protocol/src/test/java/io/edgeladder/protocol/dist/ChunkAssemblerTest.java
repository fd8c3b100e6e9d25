package io.edgeladder.protocol.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeladder.protocol.dist.ChunkOutcome.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkAssemblerTest {
  @TempDir Path dir;
  private Path source;
  private Artifact artifact;
  private Path partial;
  private Path target;

  @BeforeEach
  void setUp() throws IOException {
    source = DistSamples.file(dir, "source.onnx", 10 * 1000 + 123, 11);
    artifact = Chunker.of(1000).describe("fp32", source);
    partial = dir.resolve("partial").resolve(artifact.sha256());
    target = dir.resolve("cache").resolve(artifact.sha256() + ".onnx");
  }

  private byte[] chunk(int i) throws IOException {
    return Chunker.read(source, artifact, i);
  }

  @Test
  void accept_reverseOrder_assemblesTheSameFileAndRemovesChunks() throws Exception {
    ChunkAssembler a = ChunkAssembler.open(artifact, partial);
    for (int i = artifact.chunkCount() - 1; i >= 0; i--) {
      assertThat(a.accept(i, chunk(i))).isEqualTo(new ChunkOutcome(Status.ACCEPTED, i, null, null));
    }

    a.assemble(target);

    assertThat(Files.readAllBytes(target)).isEqualTo(Files.readAllBytes(source));
    assertThat(partial).doesNotExist();
    assertThat(Files.list(target.getParent())).containsExactly(target); // no temporary file left behind
  }

  @Test
  void accept_tamperedChunk_rejectedStaysMissingThenGoodOneAccepted() throws IOException {
    ChunkAssembler a = ChunkAssembler.open(artifact, partial);
    byte[] bad = chunk(3);
    bad[500] ^= 1;

    ChunkOutcome outcome = a.accept(3, bad);

    assertThat(outcome.status()).isEqualTo(Status.REJECTED);
    assertThat(outcome.rejection()).isEqualTo(Rejection.CHUNK_HASH_MISMATCH);
    assertThat(outcome.message()).startsWith("chunk 3 of artifact " + artifact.sha256() + " hashes to ")
        .endsWith(", expected " + artifact.chunks().get(3));
    assertThat(a.missing()).contains(3);
    assertThat(partial.resolve("3.chunk")).doesNotExist();
    assertThat(a.accept(3, chunk(3)).isAccepted()).isTrue();
    assertThat(a.missing()).doesNotContain(3);
  }

  @Test
  void accept_wrongLengthOrIndex_typedRejections() throws IOException {
    ChunkAssembler a = ChunkAssembler.open(artifact, partial);
    assertThat(a.accept(10, chunk(9)).rejection()).isEqualTo(Rejection.CHUNK_SIZE_MISMATCH);
    assertThat(a.accept(10, chunk(10)).isAccepted()).isTrue(); // the short last chunk, 123 bytes
    assertThat(a.accept(11, chunk(10)).rejection()).isEqualTo(Rejection.CHUNK_INDEX_OUT_OF_RANGE);
    assertThat(a.accept(-1, chunk(0)).rejection()).isEqualTo(Rejection.CHUNK_INDEX_OUT_OF_RANGE);
    assertThat(a.heldCount()).isEqualTo(1);
  }

  @Test
  void accept_duplicate_reportedAndIgnored() throws IOException {
    ChunkAssembler a = ChunkAssembler.open(artifact, partial);
    a.accept(0, chunk(0));
    byte[] tampered = chunk(0);
    tampered[0] ^= 1;
    assertThat(a.accept(0, chunk(0)).status()).isEqualTo(Status.DUPLICATE);
    assertThat(a.accept(0, tampered).status()).isEqualTo(Status.DUPLICATE);
    assertThat(Files.readAllBytes(partial.resolve("0.chunk"))).isEqualTo(chunk(0));
  }

  @Test
  void open_afterRestart_resumesWithTheChunksOnDisk() throws Exception {
    ChunkAssembler first = ChunkAssembler.open(artifact, partial);
    for (int i : new int[] {0, 2, 4, 6, 8, 10}) first.accept(i, chunk(i));

    ChunkAssembler second = ChunkAssembler.open(artifact, partial);

    assertThat(second.missing()).containsExactly(1, 3, 5, 7, 9);
    assertThat(second.discardedOnOpen()).isZero();
    for (int i : second.missing()) second.accept(i, chunk(i));
    second.assemble(target);
    assertThat(Sha256.hex(target)).isEqualTo(artifact.sha256());
  }

  @Test
  void open_corruptStrayAndOutOfRangeFiles_discardedOrIgnored() throws IOException {
    ChunkAssembler first = ChunkAssembler.open(artifact, partial);
    first.accept(1, chunk(1));
    first.accept(2, chunk(2));
    Files.write(partial.resolve("2.chunk"), new byte[1000]); // corrupted on disk
    Files.write(partial.resolve("5.chunk.tmp"), chunk(5)); // crash before the rename
    Files.write(partial.resolve("99.chunk"), chunk(0));
    Files.writeString(partial.resolve("notes.txt"), "not a chunk");

    ChunkAssembler second = ChunkAssembler.open(artifact, partial);

    assertThat(second.heldCount()).isEqualTo(1);
    assertThat(second.missing()).contains(2, 5).doesNotContain(1);
    assertThat(second.discardedOnOpen()).isEqualTo(2);
    assertThat(partial.resolve("2.chunk")).doesNotExist();
    assertThat(partial.resolve("5.chunk.tmp")).doesNotExist();
    assertThat(partial.resolve("notes.txt")).exists();
  }

  @Test
  void assemble_incomplete_refusedNamingMissing() throws IOException {
    ChunkAssembler a = ChunkAssembler.open(artifact, partial);
    for (int i = 0; i < 10; i++) a.accept(i, chunk(i));
    assertThatThrownBy(() -> a.assemble(target)).isInstanceOf(IllegalStateException.class)
        .hasMessage("artifact " + artifact.sha256() + " misses chunks [10]");
    assertThat(target).doesNotExist();
  }

  @Test
  void assemble_chunkChangedOnDisk_rejectedAndMissingAgain() throws Exception {
    ChunkAssembler a = ChunkAssembler.open(artifact, partial);
    for (int i = 0; i < artifact.chunkCount(); i++) a.accept(i, chunk(i));
    Files.write(partial.resolve("7.chunk"), new byte[1000]);

    assertThatThrownBy(() -> a.assemble(target)).isInstanceOf(VerificationException.class)
        .satisfies(e -> assertThat(((VerificationException) e).reason()).isEqualTo(Rejection.CHUNK_HASH_MISMATCH));

    assertThat(a.missing()).containsExactly(7);
    assertThat(target).doesNotExist();
    assertThat(Files.list(target.getParent())).isEmpty();
    a.accept(7, chunk(7));
    a.assemble(target);
    assertThat(Sha256.hex(target)).isEqualTo(artifact.sha256());
  }

  @Test
  void accept_fromFourThreadsShuffledWithDuplicates_everyChunkOnce() throws Exception {
    Path big = DistSamples.file(dir, "big.onnx", 400 * 1000 + 1, 5);
    Artifact art = Chunker.of(1000).describe("int8", big);
    ChunkAssembler a = ChunkAssembler.open(art, dir.resolve("p-big"));
    List<Integer> order = new ArrayList<>();
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < art.chunkCount(); i++) order.add(i);
    }
    Collections.shuffle(order, new Random(1));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<ChunkOutcome>> results = new ArrayList<>();
    for (int i : order) results.add(pool.submit(() -> a.accept(i, Chunker.read(big, art, i))));
    pool.shutdown();
    assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

    long accepted = 0;
    long duplicates = 0;
    for (Future<ChunkOutcome> f : results) {
      Status s = f.get().status();
      if (s == Status.ACCEPTED) accepted++;
      if (s == Status.DUPLICATE) duplicates++;
    }
    assertThat(accepted).isEqualTo(art.chunkCount());
    assertThat(duplicates).isEqualTo(art.chunkCount());
    Path out = dir.resolve("big-out.onnx");
    a.assemble(out);
    assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(big));
  }

  @Test
  void delete_abandonedDownload_removesFolder() throws IOException {
    ChunkAssembler a = ChunkAssembler.open(artifact, partial);
    a.accept(0, chunk(0));
    a.delete();
    assertThat(partial).doesNotExist();
    assertThat(a.missing()).hasSize(artifact.chunkCount());
  }
}
