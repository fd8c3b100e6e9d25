package io.edgeladder.controller.store.fleet;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The fleet registry: who the agents are, whether they are online, and what their pipelines
 * reported lately. Times come from the controller's clock (receive time).
 *
 * <p>Thread-safe: any thread may call any method; writes for one agent are serialized by the
 * database (its agent row is locked first), so births and heartbeats for the same agent from
 * several MQTT callback threads never lose an update. Every method throws {@link
 * io.edgeladder.controller.store.StoreException} when the database fails, and nothing else for
 * valid arguments.
 */
public interface AgentRegistry {

  /**
   * Records a birth: inserts the agent or replaces its registration (labels, pipelines, installed
   * artifacts, hardware), sets it online and its current incarnation. A birth from a new
   * incarnation always becomes the current one (a restart); it is a {@link BirthOutcome#DUPLICATE}
   * when it comes from the incarnation the current one replaced, which is therefore still alive.
   */
  BirthOutcome register(Registration registration);

  /**
   * Records a heartbeat of the current incarnation: last seen, highest seq, applied desired version,
   * latest KPIs per pipeline and the KPI history (kept for {@link FleetSettings#kpiRetention()}).
   * A repeated or reordered seq is {@link HeartbeatOutcome#RECORDED} but does not move the latest
   * KPIs backwards. See {@link HeartbeatOutcome} for heartbeats from other incarnations.
   */
  HeartbeatOutcome heartbeat(HeartbeatReport heartbeat);

  /**
   * Sets the connection status of a known agent (from {@code fleet/{agent}/status}).
   *
   * @return false if no birth was ever recorded for {@code agentId}
   */
  boolean setStatus(String agentId, AgentStatus status);

  /**
   * Marks offline every online agent whose last birth or heartbeat is before {@code lastSeenBefore}
   * (agents whose will message never arrived).
   *
   * @return the agent ids marked offline, sorted
   */
  List<String> markSilentOffline(Instant lastSeenBefore);

  /** Clears an agent's duplicate flag (an operator resolved it). @return false if none was set */
  boolean clearDuplicate(String agentId);

  Optional<AgentRecord> find(String agentId);

  /** Agents whose labels match {@code selector}, sorted by agent id. */
  List<AgentRecord> list(LabelSelector selector);

  /** KPI samples of one pipeline received at or after {@code since}, oldest first. */
  List<KpiSample> kpiHistory(String agentId, String pipeline, Instant since);
}
