package io.edgeladder.controller.store.desired;

import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * Desired state per agent (what the controller publishes retained on {@code fleet/{agent}/desired})
 * and the state the agent reported back; their difference is drift.
 *
 * <p>Thread-safe; issuing for one agent is serialized by the database so versions never repeat.
 * Every method throws {@link io.edgeladder.controller.store.StoreException} when the database fails.
 */
public interface DesiredStateStore {

  /**
   * Issues a new desired state: allocates the next version (greater than every version issued or
   * reported for the agent, so a controller with a fresh database still outranks what the agent
   * applied), renders the payload with it and stores both in one transaction.
   *
   * @param render builds the payload JSON for the allocated version; called inside the transaction
   *     (again if the transaction is retried after a conflict), so it must be quick, free of side
   *     effects and must not touch the store
   */
  DesiredRecord issue(String agentId, LongFunction<String> render);

  /**
   * {@link #issue(String, LongFunction)} only if the agent's desired version is still {@code
   * expectedVersion} (0: none issued yet), checked under the same row lock as the issue: a compare-
   * and-set for callers that decided what to issue from a state they read earlier.
   *
   * @throws io.edgeladder.controller.store.ConcurrentUpdateException if the desired version is
   *     another one; nothing is issued
   */
  DesiredRecord issue(String agentId, long expectedVersion, LongFunction<String> render);

  /**
   * Stores an agent's report unless a newer one (higher desired version, or the same version with a
   * later time) is already stored; retained reports replayed after a restart are harmless.
   *
   * @return true if stored
   */
  boolean report(ReportedRecord reported);

  Optional<AgentState> get(String agentId);

  /** Every agent with a desired or reported state, sorted by agent id. */
  List<AgentState> all();

  /** Agents in drift ({@link AgentState#drift()}), sorted by agent id. */
  List<AgentState> drift();
}
