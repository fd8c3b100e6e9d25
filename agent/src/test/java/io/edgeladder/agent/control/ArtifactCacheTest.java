package io.edgeladder.agent.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeladder.protocol.dist.Sha256;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache on real files: index rebuilt from the folder, bad files dropped, LRU eviction that spares what is used. */
class ArtifactCacheTest {
  @TempDir Path dir;

  /** Writes {@code size} bytes of {@code seed} as a cache file named by its hash, modified at {@code millis}. */
  private String put(int seed, int size, long millis) throws Exception {
    byte[] bytes = new byte[size];
    java.util.Arrays.fill(bytes, (byte) seed);
    String sha = Sha256.hex(bytes);
    Path f = dir.resolve(sha + ".onnx");
    Files.write(f, bytes);
    Files.setLastModifiedTime(f, FileTime.fromMillis(millis));
    return sha;
  }

  @Test
  void open_folderWithFiles_rebuildsIndexOldestFirstAndDropsBadAndTemporaryFiles() throws Exception {
    String newer = put(1, 100, 2_000);
    String older = put(2, 50, 1_000);
    String wrong = Sha256.hex(new byte[] {9});
    Files.write(dir.resolve(wrong + ".onnx"), new byte[] {8}); // content does not match its name
    Files.write(dir.resolve(newer + ".onnx123.tmp"), new byte[] {1});
    Files.write(dir.resolve("README.txt"), new byte[] {1});

    ArtifactCache cache = ArtifactCache.open(dir, 1_000);

    assertThat(cache.shas()).containsExactly(older, newer);
    assertThat(cache.bytes()).isEqualTo(150);
    assertThat(cache.discardedOnOpen()).isEqualTo(1);
    assertThat(dir.resolve(wrong + ".onnx")).doesNotExist();
    assertThat(dir.resolve(newer + ".onnx123.tmp")).doesNotExist();
    assertThat(dir.resolve("README.txt")).exists();
  }

  @Test
  void evict_beyondBound_removesLeastRecentlyUsedThatNothingUses() throws Exception {
    String a = put(1, 100, 1_000);
    String b = put(2, 100, 2_000);
    String c = put(3, 100, 3_000);
    ArtifactCache cache = ArtifactCache.open(dir, 250);

    assertThat(cache.evict(Set.of(a))).containsExactly(b); // a is the oldest but in use
    assertThat(cache.shas()).containsExactly(a, c);
    assertThat(dir.resolve(b + ".onnx")).doesNotExist();
    assertThat(cache.bytes()).isEqualTo(200);
    assertThat(cache.evict(Set.of(a))).isEmpty(); // within the bound
  }

  @Test
  void evict_everythingInUse_keepsItBeyondBound() throws Exception {
    String a = put(1, 100, 1_000);
    String b = put(2, 100, 2_000);
    ArtifactCache cache = ArtifactCache.open(dir, 50);

    assertThat(cache.evict(Set.of(a, b))).isEmpty();
    assertThat(cache.evict(Set.of(b))).containsExactly(a);
    assertThat(cache.shas()).containsExactly(b);
    assertThat(cache.bytes()).isEqualTo(100);
  }

  @Test
  void touch_thenReopen_keepsRecencyAcrossRestart() throws Exception {
    String a = put(1, 100, 1_000);
    String b = put(2, 100, 2_000);
    ArtifactCache cache = ArtifactCache.open(dir, 100);
    assertThat(cache.touch(a, 5_000)).isTrue();
    assertThat(cache.touch(Sha256.hex(new byte[] {7}), 5_000)).isFalse();

    ArtifactCache reopened = ArtifactCache.open(dir, 100);

    assertThat(reopened.shas()).containsExactly(b, a);
    assertThat(reopened.evict(Set.of())).containsExactly(b);
  }

  @Test
  void added_fileMovedIntoPlace_isIndexedAndContained() throws Exception {
    ArtifactCache cache = ArtifactCache.open(dir.resolve("cache"), 1_000);
    byte[] bytes = {1, 2, 3};
    String sha = Sha256.hex(bytes);
    Files.write(cache.pathOf(sha), bytes);

    cache.added(sha);

    assertThat(cache.contains(sha)).isTrue();
    assertThat(cache.bytes()).isEqualTo(3);
    assertThat(ArtifactCache.open(dir.resolve("cache"), 1_000).shas()).containsExactly(sha);
  }
}
