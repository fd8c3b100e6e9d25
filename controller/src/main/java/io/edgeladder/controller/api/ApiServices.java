package io.edgeladder.controller.api;

import io.edgeladder.controller.console.LiveBoard;
import io.edgeladder.controller.desired.DesiredStateService;
import io.edgeladder.controller.distribution.ReleasePublisher;
import io.edgeladder.controller.fleet.FleetView;
import io.edgeladder.controller.rollout.RolloutEngine;
import io.edgeladder.controller.store.Store;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.BooleanSupplier;

/**
 * What the REST API works with; the controller app builds it from its own parts. Not owned by the API
 * (closing the API closes none of these). Every service must be thread-safe: the API calls them from its
 * worker threads.
 *
 * @param live the console's live figures, fed by the fleet ingest
 * @param brokerConnected whether the controller's MQTT connection is up (for {@code /ready})
 * @param meters where {@code api.*} meters go; {@code /metrics} scrapes it when it is (or contains) a
 *     Prometheus registry
 */
public record ApiServices(
    Store store,
    FleetView fleet,
    DesiredStateService desired,
    ReleasePublisher publisher,
    RolloutEngine rollouts,
    LiveBoard live,
    BooleanSupplier brokerConnected,
    MeterRegistry meters) {}
