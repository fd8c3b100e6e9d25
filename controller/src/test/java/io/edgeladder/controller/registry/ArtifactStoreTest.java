package io.edgeladder.controller.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactStoreTest {
  private static final byte[] MODEL = bytes(1, 3 * 65536 + 17);
  private static final byte[] OTHER = bytes(2, 1000);

  @TempDir Path dir;
  private Path root;
  private ArtifactStore store;

  @BeforeEach
  void open() throws IOException {
    root = dir.resolve("artifacts");
    store = ArtifactStore.open(root);
  }

  @Test
  void put_storesUnderSha256WithTwoCharPrefix() throws Exception {
    StoredArtifact a = store.put(new ByteArrayInputStream(MODEL));

    assertThat(a.sha256()).isEqualTo(sha(MODEL));
    assertThat(a.size()).isEqualTo(MODEL.length);
    Path file = root.resolve(a.sha256().substring(0, 2)).resolve(a.sha256());
    assertThat(file).hasBinaryContent(MODEL);
    assertThat(store.find(a.sha256())).hasValue(a);
    assertThat(tempFiles()).isEmpty();
  }

  @Test
  void put_sameContentTwice_oneFileSameResult() throws Exception {
    StoredArtifact first = store.put(new ByteArrayInputStream(MODEL));

    assertThat(store.put(new ByteArrayInputStream(MODEL))).isEqualTo(first);
    assertThat(store.list()).containsExactly(first);
    assertThat(tempFiles()).isEmpty();
  }

  @Test
  void put_expectedShaDiffers_rejectedAndNothingStored() throws IOException {
    String claimed = sha(OTHER);

    assertThatThrownBy(() -> store.put(new ByteArrayInputStream(MODEL), claimed))
        .isInstanceOf(ArtifactIntegrityException.class)
        .hasMessageContaining(sha(MODEL))
        .hasMessageContaining(claimed);
    assertThat(store.find(claimed)).isEmpty();
    assertThat(tempFiles()).isEmpty();
  }

  @Test
  void open_readsChunksAndChecksSize() throws Exception {
    StoredArtifact a = store.put(new ByteArrayInputStream(MODEL));

    try (FileChannel ch = store.open(a.sha256(), a.size())) {
      ByteBuffer chunk = ByteBuffer.allocate(65536);
      ch.read(chunk, 65536);
      assertThat(chunk.array()).isEqualTo(java.util.Arrays.copyOfRange(MODEL, 65536, 131072));
    }
    assertThatThrownBy(() -> store.open(a.sha256(), a.size() + 1))
        .isInstanceOf(ArtifactIntegrityException.class)
        .hasMessageContaining(a.size() + " bytes on disk but " + (a.size() + 1));
    assertThatThrownBy(() -> store.open(sha(OTHER), 1000))
        .isInstanceOf(NoSuchArtifactException.class).hasMessageContaining(sha(OTHER));
  }

  @Test
  void verify_flippedByte_detectedAndRepairedByPuttingAgain() throws Exception {
    StoredArtifact a = store.put(new ByteArrayInputStream(MODEL));
    assertThat(store.verify(a.sha256())).isTrue();
    byte[] corrupt = MODEL.clone();
    corrupt[12345] ^= 1;
    Files.write(store.path(a.sha256()), corrupt);

    assertThat(store.verify(a.sha256())).isFalse();
    store.put(new ByteArrayInputStream(MODEL));
    assertThat(store.verify(a.sha256())).isTrue();
    assertThatThrownBy(() -> store.verify(sha(OTHER))).isInstanceOf(NoSuchArtifactException.class);
  }

  @Test
  void badShaStrings_rejectedQuotingTheValue() {
    for (String bad : new String[] {"abc", "../../etc/passwd", "A".repeat(64), "g".repeat(64),
        "a".repeat(63), "a".repeat(65)}) {
      assertThatThrownBy(() -> store.path(bad)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'" + bad + "'");
      assertThatThrownBy(() -> store.open(bad, 1)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> store.verify(bad)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> store.put(new ByteArrayInputStream(MODEL), bad))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void deleteUnreferenced_keepsReferencedAndRecent() throws Exception {
    StoredArtifact kept = store.put(new ByteArrayInputStream(MODEL));
    StoredArtifact old = store.put(new ByteArrayInputStream(OTHER));
    StoredArtifact fresh = store.put(new ByteArrayInputStream(bytes(3, 10)));
    Instant cutoff = Instant.parse("2026-03-01T10:00:00Z");
    for (StoredArtifact a : List.of(kept, old)) {
      Files.setLastModifiedTime(store.path(a.sha256()), FileTime.from(cutoff.minusSeconds(3600)));
    }
    Files.setLastModifiedTime(store.path(fresh.sha256()), FileTime.from(cutoff.plusSeconds(1)));

    assertThat(store.deleteUnreferenced(Set.of(kept.sha256()), cutoff)).containsExactly(old.sha256());
    assertThat(store.list()).extracting(StoredArtifact::sha256)
        .containsExactlyInAnyOrder(kept.sha256(), fresh.sha256());
  }

  @Test
  void put_sameContentFromFourThreads_oneIntactFile() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<StoredArtifact>> puts = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        puts.add(pool.submit(() -> store.put(new ByteArrayInputStream(MODEL))));
      }
      for (Future<StoredArtifact> f : puts) {
        assertThat(f.get(30, TimeUnit.SECONDS).sha256()).isEqualTo(sha(MODEL));
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(store.list()).hasSize(1);
    assertThat(store.verify(sha(MODEL))).isTrue();
    assertThat(tempFiles()).isEmpty();
  }

  @Test
  void open_leftoverTempFilesRemovedAndArtifactsKept() throws Exception {
    StoredArtifact a = store.put(new ByteArrayInputStream(MODEL));
    Files.write(root.resolve("tmp").resolve("crashed.part"), OTHER);

    ArtifactStore reopened = ArtifactStore.open(root);

    assertThat(tempFiles()).isEmpty();
    assertThat(reopened.list()).containsExactly(a);
  }

  @Test
  void put_failingStream_noTempFileLeft() throws IOException {
    // 100 000 good bytes, then every read fails (as a dropped connection does).
    InputStream broken = new InputStream() {
      private int left = 100_000;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0];
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (left <= 0) {
          throw new IOException("network gone");
        }
        int n = Math.min(len, left);
        left -= n;
        return n;
      }
    };

    assertThatThrownBy(() -> store.put(broken)).isInstanceOf(IOException.class).hasMessage("network gone");
    assertThat(tempFiles()).isEmpty();
  }

  private List<Path> tempFiles() throws IOException {
    try (Stream<Path> s = Files.list(root.resolve("tmp"))) {
      return s.toList();
    }
  }

  private static byte[] bytes(long seed, int n) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static String sha(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
