package io.edgeladder.protocol.fuzz;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How many tries a fuzz property gets in each pass ({@link Fuzz#full()}); applied by {@link FuzzTriesHook},
 * which the test class adds with {@code @AddLifecycleHook(FuzzTriesHook.class)}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface FuzzTries {
  /** Tries in every build. */
  int shortPass();

  /** Tries with {@code -Pfuzz}. */
  int fullPass();
}
