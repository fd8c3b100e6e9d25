/**
 * Model execution behind vendor-neutral contracts: {@link io.edgeladder.agent.inference.ModelLoader}
 * turns a model file into a {@link io.edgeladder.agent.inference.LoadedModel} (one native session),
 * which hands out one {@link io.edgeladder.agent.inference.ModelRunner} per inference thread. This
 * package compiles without ONNX Runtime; the adapter lives in {@code inference.ort}.
 *
 * <h2>Threading</h2>
 *
 * <ul>
 *   <li>{@code ModelLoader.load} may be called from any thread, concurrently; it is slow (reads the
 *       file, hashes it, builds and optimises the graph), so call it off the hot path (the swap's
 *       LOADING state).
 *   <li>A {@code LoadedModel} is shared: any number of threads may call {@code newRunner()} and run
 *       their own runners at the same time (the native session supports concurrent runs).
 *   <li>A {@code ModelRunner} is confined to one thread at a time: it owns pinned native input and
 *       output buffers that each {@code run} overwrites. Give each inference worker its own runner.
 * </ul>
 *
 * <h2>Lifecycle</h2>
 *
 * <ol>
 *   <li>{@code load} checks the signature once: exactly one float32 input with a static shape and
 *       batch 1, and a float32 first output with a static shape. Anything else is a
 *       {@link io.edgeladder.agent.inference.ModelLoadException} naming the file and the problem.
 *   <li>Runners are created once per worker and reused for every window: {@code run} copies the
 *       caller's {@code float[]} into the pinned input, runs, and copies the pinned output back, with
 *       no per-call allocation of buffers (the runtime's own bookkeeping allocates a few small objects).
 *   <li>{@code run} failures are {@link io.edgeladder.agent.inference.InferenceException}s; the runner
 *       stays usable. Wrong array lengths are programming errors ({@code IllegalArgumentException}).
 *   <li>Shutdown order: stop sending work, wait until no run is in flight (drain), close every runner,
 *       then close the {@code LoadedModel}. Closing the session under a running call is undefined
 *       behaviour in native code, so the swap drains first; nothing here can make that safe.
 * </ol>
 */
package io.edgeladder.agent.inference;
