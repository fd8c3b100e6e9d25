package io.edgeladder.agent.transport.paho;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgeladder.agent.transport.MessageHandler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class SubscriptionRouterTest {
  private final MockClock clock = new MockClock();
  private final Counter errors = new SimpleMeterRegistry().counter("errors");
  private final RateLimitedLog log = new RateLimitedLog(
      LoggerFactory.getLogger(SubscriptionRouterTest.class), clock, 10, TimeUnit.SECONDS);
  private final SubscriptionRouter router = new SubscriptionRouter(errors, log);
  private final List<String> got = new ArrayList<>();

  private MessageHandler recorder(String name) {
    return (topic, payload) -> got.add(name + ':' + topic + '=' + new String(payload, StandardCharsets.UTF_8));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void route_wildcardFilters_reachOnlyMatchingHandler() {
    router.put(TopicFilter.parse("s/+/temp"), 0, recorder("temp"));
    router.put(TopicFilter.parse("s/b/#"), 0, recorder("b"));

    assertThat(router.route("s/a/temp", bytes("1"))).isEqualTo(1);
    assertThat(router.route("s/b/x/y", bytes("2"))).isEqualTo(1);
    assertThat(router.route("other", bytes("3"))).isZero();

    assertThat(got).containsExactly("temp:s/a/temp=1", "b:s/b/x/y=2");
  }

  @Test
  void route_overlappingFilters_callsEachMatchingHandlerOnce() {
    router.put(TopicFilter.parse("s/#"), 0, recorder("all"));
    router.put(TopicFilter.parse("s/a"), 0, recorder("a"));

    router.route("s/a", bytes("x"));

    assertThat(got).containsExactlyInAnyOrder("all:s/a=x", "a:s/a=x");
  }

  @Test
  void route_handlerThrows_countedAndOtherHandlersAndLaterMessagesStillRun() {
    router.put(TopicFilter.parse("s/#"), 0, (topic, payload) -> {
      throw new IllegalStateException("boom");
    });
    router.put(TopicFilter.parse("s/a"), 0, recorder("a"));

    router.route("s/a", bytes("1"));
    router.route("s/a", bytes("2"));
    router.route("s/a", bytes("3"));

    assertThat(got).containsExactly("a:s/a=1", "a:s/a=2", "a:s/a=3");
    assertThat(errors.count()).isEqualTo(3);
    // The first failure was logged, the next two fell within the 10 s window.
    assertThat(log.suppressedSinceLastLog()).isEqualTo(2);
    clock.add(10, TimeUnit.SECONDS);
    router.route("s/a", bytes("4"));
    assertThat(log.suppressedSinceLastLog()).isZero();
  }

  @Test
  void route_subscriptionAddedAfterTopicCached_seesNewHandler() {
    router.put(TopicFilter.parse("s/a"), 0, recorder("first"));
    router.route("s/a", bytes("1"));
    router.route("s/b", bytes("ignored")); // caches "no handler" for s/b

    router.put(TopicFilter.parse("s/+"), 0, recorder("second"));
    router.route("s/b", bytes("2"));

    assertThat(got).containsExactly("first:s/a=1", "second:s/b=2");
  }

  @Test
  void put_sameFilterTwice_replacesHandler() {
    router.put(TopicFilter.parse("s/a"), 0, recorder("old"));
    router.put(TopicFilter.parse("s/a"), 1, recorder("new"));

    router.route("s/a", bytes("x"));

    assertThat(got).containsExactly("new:s/a=x");
    assertThat(router.subscriptions()).singleElement()
        .satisfies(s -> assertThat(s.qos()).isEqualTo(1));
  }

  @Test
  void remove_refusedSubscription_stopsRouting() {
    MessageHandler handler = recorder("h");
    router.put(TopicFilter.parse("s/a"), 0, handler);
    router.route("s/a", bytes("1"));

    router.remove("s/a", recorder("someone else"));
    router.route("s/a", bytes("2"));
    router.remove("s/a", handler);
    router.route("s/a", bytes("3"));

    assertThat(got).containsExactly("h:s/a=1", "h:s/a=2");
    assertThat(router.subscriptions()).isEmpty();
  }

  @Test
  void route_manyDistinctTopics_cacheStaysBoundedAndRoutingCorrect() {
    router.put(TopicFilter.parse("d/+"), 0, (topic, payload) -> got.add(topic));
    for (int i = 0; i < SubscriptionRouter.MAX_CACHED_TOPICS + 100; i++) {
      router.route("d/" + i, bytes(""));
    }
    assertThat(got).hasSize(SubscriptionRouter.MAX_CACHED_TOPICS + 100);
    assertThat(got.get(got.size() - 1)).isEqualTo("d/" + (SubscriptionRouter.MAX_CACHED_TOPICS + 99));
  }
}
