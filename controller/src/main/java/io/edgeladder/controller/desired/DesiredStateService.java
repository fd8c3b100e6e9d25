package io.edgeladder.controller.desired;

import io.edgeladder.controller.fleet.Drift;
import io.edgeladder.controller.fleet.FleetListener;
import io.edgeladder.controller.mqtt.ControllerMqtt;
import io.edgeladder.controller.store.desired.AgentState;
import io.edgeladder.controller.store.desired.DesiredStateStore;
import io.edgeladder.controller.store.fleet.AgentRecord;
import io.edgeladder.controller.store.fleet.AgentRegistry;
import io.edgeladder.controller.store.fleet.BirthOutcome;
import io.edgeladder.controller.store.fleet.LabelSelector;
import io.edgeladder.controller.store.fleet.Registration;
import io.edgeladder.controller.store.models.ModelRegistry;
import io.edgeladder.controller.store.models.PushTarget;
import io.edgeladder.protocol.fleet.PipelineDesired;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets what agents should run: for one agent, or for every agent a label selector matches now and later
 * (the assignment is re-applied when a matching agent announces itself and has not had it). Each issue is
 * validated ({@link DesiredValidator}), gets the agent's next version from the {@link DesiredStateStore},
 * is published retained on {@code fleet/{agent}/desired} and recorded in the push history of every release
 * it names. Rejections are counted in {@code edgeladder.desired.rejected{reason}}.
 *
 * <p><b>Threads:</b> thread-safe; {@link #onBirth} runs on an ingest lane, the setters on the caller's
 * thread (which waits for the broker's acknowledgements, 10 s at most). Selector assignments and births
 * are serialised on this service, so an agent joining while a selector is set gets it exactly once.
 */
public final class DesiredStateService implements FleetListener {
  private static final Logger LOG = LoggerFactory.getLogger(DesiredStateService.class);

  private final AgentRegistry agents;
  private final DesiredStateStore store;
  private final ModelRegistry models;
  private final SelectorAssignments assignments;
  private final DesiredValidator validator;
  private final DesiredPublisher publisher;
  private final Map<Rejection, Counter> rejected = new EnumMap<>(Rejection.class);

  public DesiredStateService(ControllerMqtt mqtt, AgentRegistry agents, DesiredStateStore store,
      ModelRegistry models, SelectorAssignments assignments, MeterRegistry meters, Clock clock) {
    this.agents = agents;
    this.store = store;
    this.models = models;
    this.assignments = assignments;
    this.validator = new DesiredValidator(models);
    this.publisher = new DesiredPublisher(mqtt, store, clock);
    for (Rejection r : Rejection.values()) {
      rejected.put(r, Counter.builder("edgeladder.desired.rejected").description("desired states not issued")
          .tag("reason", r.tag()).register(meters));
    }
  }

  /**
   * Issues a desired state to one agent.
   *
   * @throws DesiredStateRejectedException for an unknown agent, an unknown release or variant, or a pipeline
   *     the agent lacks (counted)
   */
  public DesiredOutcome setForAgent(String agentId, List<PipelineDesired> pipelines) {
    checkAgent(agentId, pipelines);
    DesiredOutcome.Issued issued = publisher.issue(List.of(agentId), pipelines).get(0);
    recordPushes(pipelines, PushTarget.agent(agentId));
    return new DesiredOutcome(List.of(issued), List.of());
  }

  /**
   * {@link #setForAgent(String, List)} only if the agent's desired version is still {@code expectedVersion}
   * (0: none issued yet), compared under the store's row lock: for callers that built {@code pipelines}
   * from the state they read, and must neither overwrite a newer one nor issue the same one twice.
   *
   * @throws io.edgeladder.controller.store.ConcurrentUpdateException if the version is another one; nothing
   *     is issued or published
   * @throws DesiredStateRejectedException as {@link #setForAgent(String, List)}
   */
  public DesiredOutcome setForAgent(String agentId, List<PipelineDesired> pipelines, long expectedVersion) {
    checkAgent(agentId, pipelines);
    DesiredOutcome.Issued issued = publisher.issueOver(agentId, expectedVersion, pipelines);
    recordPushes(pipelines, PushTarget.agent(agentId));
    return new DesiredOutcome(List.of(issued), List.of());
  }

  private void checkAgent(String agentId, List<PipelineDesired> pipelines) {
    checkReleases(pipelines);
    AgentRecord agent = agents.find(agentId).orElseThrow(() -> count(new DesiredStateRejectedException(
        Rejection.UNKNOWN_AGENT, "agent " + agentId + " has not announced itself (no birth on record)")));
    validator.checkAgent(agent.registration(), pipelines).ifPresent(r -> {
      throw count(new DesiredStateRejectedException(r.reason(), r.message()));
    });
  }

  /**
   * Issues a desired state to every agent {@code selector} matches now, and remembers it for agents that
   * match when they next announce themselves. Agents that cannot take it are listed as rejected (counted).
   *
   * @throws DesiredStateRejectedException when no agent could take it: unknown release or variant (counted)
   */
  public synchronized DesiredOutcome setForSelector(LabelSelector selector, List<PipelineDesired> pipelines) {
    checkReleases(pipelines);
    List<String> ok = new ArrayList<>();
    List<DesiredOutcome.Rejected> refused = new ArrayList<>();
    for (AgentRecord a : agents.list(selector)) {
      Optional<DesiredOutcome.Rejected> why = validator.checkAgent(a.registration(), pipelines);
      if (why.isPresent()) {
        rejected.get(why.get().reason()).increment();
        refused.add(why.get());
      } else {
        ok.add(a.agentId());
      }
    }
    // Stored before issuing, so an agent announcing itself meanwhile is either in ok or gets it on birth.
    assignments.put(selector, pipelines, publisher.now(), new HashSet<>(ok));
    List<DesiredOutcome.Issued> issued = publisher.issue(ok, pipelines);
    recordPushes(pipelines, PushTarget.selector(selector.toString()));
    return new DesiredOutcome(issued, refused);
  }

  /** A newly announced agent gets the newest selector assignment matching it, unless it already had it. */
  @Override
  public synchronized void onBirth(Registration agent, BirthOutcome outcome) {
    Optional<SelectorAssignment> a = assignments.newestMatching(agent.labels());
    if (a.isEmpty() || a.get().appliedTo().contains(agent.agentId())) return;
    Optional<DesiredOutcome.Rejected> why = validator.checkAgent(agent, a.get().pipelines());
    if (why.isPresent()) {
      rejected.get(why.get().reason()).increment();
      LOG.warn("selector {} not applied to {}: {}", a.get().selector(), agent.agentId(), why.get().message());
      return;
    }
    try {
      checkReleases(a.get().pipelines());
    } catch (DesiredStateRejectedException e) {
      LOG.warn("selector {} not applied to {}: {}", a.get().selector(), agent.agentId(), e.getMessage());
      return;
    }
    DesiredOutcome.Issued issued = publisher.issue(List.of(agent.agentId()), a.get().pipelines()).get(0);
    assignments.markApplied(a.get().id(), agent.agentId());
    recordPushes(a.get().pipelines(), PushTarget.agent(agent.agentId()));
    LOG.info("selector {} applied to {} (joined later): version {}", a.get().selector(), agent.agentId(),
        issued.version());
  }

  /** Publishes every stored desired state again (after a connect: the broker may have lost retained ones). */
  public int republishAll() {
    return publisher.republish(store.all());
  }

  /** How far the agent is from its desired state. */
  public Drift drift(String agentId) {
    return Drift.of(store.get(agentId).orElse(new AgentState(agentId, Optional.empty(), Optional.empty())));
  }

  /** Rejections so far with this reason (the meter's value). */
  public long rejected(Rejection reason) {
    return (long) rejected.get(reason).count();
  }

  private void checkReleases(List<PipelineDesired> pipelines) {
    try {
      validator.checkReleases(pipelines);
    } catch (DesiredStateRejectedException e) {
      throw count(e);
    }
  }

  private DesiredStateRejectedException count(DesiredStateRejectedException e) {
    rejected.get(e.reason()).increment();
    return e;
  }

  private void recordPushes(List<PipelineDesired> pipelines, PushTarget target) {
    pipelines.stream().map(PipelineDesired::releaseSha).filter(s -> s != null).distinct()
        .forEach(sha -> models.recordPush(sha, target, null));
  }
}
