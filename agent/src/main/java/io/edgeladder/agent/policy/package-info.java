/**
 * The switching policy: which rung of the variant ladder each pipeline should serve, given this device's
 * load and energy, the scheduler's misses and the controller's bounds.
 *
 * <h2>Flow</h2>
 *
 * <ol>
 *   <li>{@code policy.profile}: every installed variant is measured on this device ({@link
 *       io.edgeladder.agent.policy.profile.Profiler}, off the hot path) and the profile is kept by model
 *       hash ({@link io.edgeladder.agent.policy.profile.ProfileStore}); {@link
 *       io.edgeladder.agent.policy.profile.OnDeviceProfiles} re-measures when the background load moved.
 *   <li>The wiring builds a {@link io.edgeladder.agent.policy.PolicyInputs} per pipeline and tick:
 *       {@link io.edgeladder.agent.policy.Candidate#of} (manifest + profiles), the resource probes' {@link
 *       io.edgeladder.agent.policy.ResourceState}, the scheduler's {@link
 *       io.edgeladder.agent.policy.SchedulerStats}, the pipeline's deadline and window rate, the
 *       controller's {@link io.edgeladder.agent.policy.Bounds}, and the variant actually serving.
 *   <li>{@link io.edgeladder.agent.policy.Policy#decide} (pure apart from its hold-down state) returns a
 *       {@link io.edgeladder.agent.policy.Decision}; {@link io.edgeladder.agent.policy.PolicyLoop}
 *       publishes it as a {@code policy.decision} event and passes switches to the {@link
 *       io.edgeladder.agent.policy.SwapRequester} (the swap manager).
 * </ol>
 *
 * <h2>Units</h2>
 * Milliseconds for latency and deadlines, watts for power and budgets, joules per inference, cores for
 * load, fractions in [0, 1] for accuracy, battery level and miss rate, monotonic nanoseconds for time.
 */
package io.edgeladder.agent.policy;
