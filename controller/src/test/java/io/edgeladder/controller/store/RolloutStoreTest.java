package io.edgeladder.controller.store;

import static io.edgeladder.controller.store.Fixtures.SHA_A;
import static io.edgeladder.controller.store.Fixtures.release;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgeladder.controller.store.rollout.AssignmentState;
import io.edgeladder.controller.store.rollout.GateResult;
import io.edgeladder.controller.store.rollout.NewEvent;
import io.edgeladder.controller.store.rollout.NewRollout;
import io.edgeladder.controller.store.rollout.RolloutEvent;
import io.edgeladder.controller.store.rollout.RolloutRecord;
import io.edgeladder.controller.store.rollout.RolloutState;
import io.edgeladder.controller.store.rollout.RolloutStore;
import io.edgeladder.controller.store.rollout.RolloutUpdate;
import io.edgeladder.controller.store.rollout.StageAssignment;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(TestBackend.class)
class RolloutStoreTest extends StoreTestBase {
  private static final String OLD = "1".repeat(64);
  private static final String NEW = "2".repeat(64);
  private static final String PLAN = "{\"canary\":1,\"waves\":[50,100]}";

  RolloutStoreTest(TestBackend backend) {
    super(backend);
  }

  @BeforeEach
  void releases() {
    store.models().createModel("pump-ae");
    store.models().putRelease(release(OLD, "pump-ae", T0, SHA_A));
    store.models().putRelease(release(NEW, "pump-ae", T0.plusSeconds(1), SHA_A));
  }

  private RolloutStore rollouts() {
    return store.rollouts();
  }

  private RolloutRecord create() {
    return rollouts().create(new NewRollout("pump-ae", NEW, OLD, PLAN));
  }

  @Test
  void create_pendingAtStageZeroWithCreatedEvent() {
    RolloutRecord r = create();

    assertThat(r.state()).isEqualTo(RolloutState.PENDING);
    assertThat(r.version()).isEqualTo(1);
    assertThat(rollouts().find(r.id())).hasValue(r);
    assertThat(rollouts().events(r.id(), 0)).extracting(RolloutEvent::type).containsExactly("created");
  }

  @Test
  void create_unknownReleaseOrOtherModel_rejected() {
    String ghost = "9".repeat(64);
    assertThatThrownBy(() -> rollouts().create(new NewRollout("pump-ae", ghost, OLD, PLAN)))
        .isInstanceOf(NotFoundException.class).hasMessageContaining("release " + ghost);
    store.models().createModel("kws");
    assertThatThrownBy(() -> rollouts().create(new NewRollout("kws", NEW, null, PLAN)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("belongs to model pump-ae");
    assertThat(rollouts().list(10)).isEmpty();
  }

  @Test
  void save_stepWithAssignmentsGatesAndEvents_atomicAndVersioned() {
    RolloutRecord r = create();
    clock.advance(Duration.ofSeconds(10));
    StageAssignment canary = new StageAssignment("pump-1", 0, AssignmentState.PUSHED, 7, clock.instant());
    StageAssignment wave = new StageAssignment("pump-2", 1, AssignmentState.PENDING, 0, clock.instant());
    GateResult gate = new GateResult(0, "missRate", true, 0.01, 0.05, "{\"pump-1\":0.01}", clock.instant());

    RolloutRecord saved = rollouts().save(new RolloutUpdate(r.withState(RolloutState.RUNNING, null),
        List.of(wave, canary), List.of(gate), List.of(new NewEvent("stage.started", "{\"stage\":0}"))));

    assertThat(saved.version()).isEqualTo(2);
    assertThat(saved.state()).isEqualTo(RolloutState.RUNNING);
    assertThat(saved.updatedAt()).isEqualTo(T0.plusSeconds(10));
    assertThat(rollouts().assignments(r.id())).containsExactly(canary, wave);
    assertThat(rollouts().gateResults(r.id())).containsExactly(gate);
    assertThat(rollouts().events(r.id(), 0)).extracting(RolloutEvent::type)
        .containsExactly("created", "stage.started");

    StageAssignment applied = new StageAssignment("pump-1", 0, AssignmentState.APPLIED, 7, clock.instant());
    RolloutRecord next = rollouts().save(new RolloutUpdate(saved.withStage(1), List.of(applied), List.of(), List.of()));
    assertThat(next.version()).isEqualTo(3);
    assertThat(rollouts().assignments(r.id())).containsExactly(applied, wave);
  }

  @Test
  void save_staleVersion_concurrentUpdateAndNothingWritten() {
    RolloutRecord r = create();
    rollouts().save(RolloutUpdate.of(r.withState(RolloutState.RUNNING, null)));
    StageAssignment a = new StageAssignment("pump-1", 0, AssignmentState.PUSHED, 1, clock.instant());

    assertThatThrownBy(() -> rollouts().save(new RolloutUpdate(r.withState(RolloutState.ABORTED, "operator"),
            List.of(a), List.of(), List.of(new NewEvent("aborted", null)))))
        .isInstanceOf(ConcurrentUpdateException.class)
        .hasMessageContaining("rollout " + r.id()).hasMessageContaining("version 1");
    assertThat(rollouts().find(r.id()).orElseThrow().state()).isEqualTo(RolloutState.RUNNING);
    assertThat(rollouts().assignments(r.id())).isEmpty();
    assertThat(rollouts().events(r.id(), 0)).hasSize(1);
  }

  @Test
  void save_unknownRollout_notFound() {
    RolloutRecord ghost = create().withState(RolloutState.RUNNING, null);
    RolloutRecord other = new RolloutRecord("nope", ghost.model(), ghost.releaseSha(), null, PLAN,
        RolloutState.RUNNING, 0, null, T0, T0, 1);
    assertThatThrownBy(() -> rollouts().save(RolloutUpdate.of(other)))
        .isInstanceOf(NotFoundException.class).hasMessageContaining("rollout nope");
    assertThatThrownBy(() -> rollouts().appendEvent("nope", new NewEvent("x", null)))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void events_afterCursor_onlyNewerOnes() {
    RolloutRecord r = create();
    RolloutEvent e1 = rollouts().appendEvent(r.id(), new NewEvent("gate.passed", "{}"));
    RolloutEvent e2 = rollouts().appendEvent(r.id(), new NewEvent("paused", "operator"));

    assertThat(rollouts().events(r.id(), e1.id())).containsExactly(e2);
    assertThat(e2.id()).isGreaterThan(e1.id());
  }

  @Test
  void unfinished_excludesTerminalStatesOldestFirst() {
    RolloutRecord done = create();
    clock.advance(Duration.ofSeconds(1));
    RolloutRecord running = create();
    clock.advance(Duration.ofSeconds(1));
    RolloutRecord paused = create();
    rollouts().save(RolloutUpdate.of(done.withState(RolloutState.COMPLETED, null)));
    rollouts().save(RolloutUpdate.of(paused.withState(RolloutState.PAUSED, "operator")));

    assertThat(rollouts().unfinished()).extracting(RolloutRecord::id).containsExactly(running.id(), paused.id());
    assertThat(rollouts().list(2)).extracting(RolloutRecord::id).containsExactly(paused.id(), running.id());
  }

  @Test
  void restart_midRollout_everythingNeededToResumeIsBack() {
    RolloutRecord r = create();
    StageAssignment a = new StageAssignment("pump-1", 0, AssignmentState.PUSHED, 3, clock.instant());
    RolloutRecord saved = rollouts().save(new RolloutUpdate(r.withState(RolloutState.RUNNING, null),
        List.of(a), List.of(), List.of(new NewEvent("stage.started", null))));

    restart();

    assertThat(rollouts().unfinished()).containsExactly(saved);
    assertThat(rollouts().assignments(r.id())).containsExactly(a);
    assertThat(rollouts().events(r.id(), 0)).hasSize(2);
    assertThat(rollouts().save(RolloutUpdate.of(saved.withStage(1))).version()).isEqualTo(3);
  }
}
