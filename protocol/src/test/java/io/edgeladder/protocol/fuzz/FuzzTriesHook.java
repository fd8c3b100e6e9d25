package io.edgeladder.protocol.fuzz;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/** Sets a property's tries from its {@link FuzzTries} for the pass in force. */
public final class FuzzTriesHook implements AroundPropertyHook {
  /** Added on a test class, the hook reaches every property in it. */
  @Override
  public PropagationMode propagateTo() {
    return PropagationMode.ALL_DESCENDANTS;
  }

  @Override
  public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
    context.findAnnotation(FuzzTries.class)
        .ifPresent(t -> context.attributes().setTries(Fuzz.tries(t.shortPass(), t.fullPass())));
    return property.execute();
  }
}
