/**
 * Staged rollouts of a model release over the fleet, gated on the KPIs agents report, rolled back by
 * themselves.
 *
 * <p>An operator builds a {@link io.edgeladder.controller.rollout.RolloutPlan} (model, release,
 * selector, canary and cumulative waves, soak, apply timeout, {@link
 * io.edgeladder.controller.rollout.Gates}) and hands it to {@link
 * io.edgeladder.controller.rollout.RolloutEngine#create}. A {@link
 * io.edgeladder.controller.rollout.RolloutScheduler} ticks the engine; each tick moves every
 * unfinished rollout through its stages:
 *
 * <ol>
 *   <li>assign the release to the stage's agents through the {@link
 *       io.edgeladder.controller.rollout.RolloutTarget} (the desired-state service publishes it
 *       retained on {@code fleet/{agent}/desired});
 *   <li>wait until each agent's reported state says that desired version is {@code APPLIED}
 *       ({@code REJECTED}, {@code PARTIAL} or the apply timeout fails the {@code apply} gate);
 *   <li>soak, then read the stage agents' heartbeat KPIs from the registry over the soak window:
 *       {@code heartbeats} (enough samples, else wait up to the heartbeat timeout), {@code
 *       missRate}, {@code errorRate}, {@code p99Ratio} (against the agents not yet upgraded in the
 *       same window, else each agent's own p99 before the rollout);
 *   <li>pass to the next stage, or complete; a failed gate rolls back every agent reached so far to
 *       the previous release.
 * </ol>
 *
 * <p>Everything the engine knows is in the {@link io.edgeladder.controller.store.rollout.RolloutStore}
 * (record with optimistic version, assignments, gate results, event log), written before the
 * effects it leads to, so a restarted controller or a second one continues the same rollout.
 */
package io.edgeladder.controller.rollout;
