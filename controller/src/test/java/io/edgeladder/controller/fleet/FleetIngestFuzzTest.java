package io.edgeladder.controller.fleet;

import io.edgeladder.controller.store.DatabaseConfig;
import io.edgeladder.controller.store.fleet.FleetSettings;
import io.edgeladder.controller.store.jdbc.Database;
import io.edgeladder.controller.store.jdbc.JdbcAgentRegistry;
import io.edgeladder.controller.store.jdbc.JdbcDesiredStateStore;
import io.edgeladder.protocol.AgentEvent;
import io.edgeladder.protocol.FleetTopic;
import io.edgeladder.protocol.ProtocolException;
import io.edgeladder.protocol.fleet.AgentBirth;
import io.edgeladder.protocol.fleet.FleetSamples;
import io.edgeladder.protocol.fleet.Heartbeat;
import io.edgeladder.protocol.fleet.ReportedState;
import io.edgeladder.protocol.fuzz.FuzzTries;
import io.edgeladder.protocol.fuzz.FuzzTriesHook;
import io.edgeladder.protocol.fuzz.JsonMutator;
import io.edgeladder.protocol.fuzz.Payload;
import io.edgeladder.protocol.fuzz.Tally;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterProperty;
import org.slf4j.LoggerFactory;

/**
 * The controller's fleet ingest under hostile agent messages (issue 6, fuzzing): births, statuses,
 * heartbeats, reported states and events, mutated, recorded by the real handlers into a real (H2) store.
 * A message the protocol record rejects moves {@code edgeladder.fleet.rejected{reason=malformed}} by exactly
 * one, one speaking for another agent {@code spoofed} by one; any other message is recorded or counted
 * (malformed too when {@link FleetRecords} finds a field beyond what the store keeps), and no store failure is
 * ever provoked by a message that decodes.
 */
@AddLifecycleHook(FuzzTriesHook.class)
class FleetIngestFuzzTest {
  private static final String AGENT = "gw-1";
  private static final FleetTopic.Kind[] KINDS = {FleetTopic.Kind.BIRTH, FleetTopic.Kind.STATUS,
      FleetTopic.Kind.HEARTBEAT, FleetTopic.Kind.REPORTED, FleetTopic.Kind.EVENTS};

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private Path dir;
  private Database db;
  private FleetHandlers handlers;
  private Tally tally;

  /** A fleet message: its kind and payload. */
  record Message(FleetTopic.Kind kind, Payload payload) {
    @Override
    public String toString() {
      return kind + " " + payload;
    }
  }

  @Property(shrinking = ShrinkingMode.OFF)
  @FuzzTries(shortPass = 2_000, fullPass = 40_000)
  void handle_mutatedFleetMessage_recordedOrCountedOnce(@ForAll("messages") Message m) throws IOException {
    if (handlers == null) setUp();
    String expected = expectedRejection(m);
    Map<String, Double> rejectedBefore = counts("edgeladder.fleet.rejected", "reason");
    double recordedBefore = total("edgeladder.fleet.messages") + total("edgeladder.fleet.events");
    String topic = "fleet/" + AGENT + "/" + m.kind().name().toLowerCase();
    handlers.handle(new FleetTopic(AGENT, m.kind()), topic, m.payload().bytes());
    Map<String, Double> rejectedAfter = counts("edgeladder.fleet.rejected", "reason");
    double recorded = total("edgeladder.fleet.messages") + total("edgeladder.fleet.events") - recordedBefore;
    double storeFailed = delta(rejectedBefore, rejectedAfter, "store_failed");
    if (storeFailed != 0) throw new AssertionError("store failure on a fuzzed message\ninput " + m);
    if (expected != null) {
      for (String reason : rejectedAfter.keySet()) {
        double d = delta(rejectedBefore, rejectedAfter, reason);
        if (d != (reason.equals(expected) ? 1 : 0)) {
          throw new AssertionError("edgeladder.fleet.rejected{reason=" + reason + "} moved by " + d + ", expected "
              + expected + " once\ninput " + m);
        }
      }
      if (recorded != 0) throw new AssertionError("a " + expected + " message was recorded\ninput " + m);
      tally.rejected(expected);
    } else {
      double rejected = rejectedAfter.values().stream().mapToDouble(Double::doubleValue).sum()
          - rejectedBefore.values().stream().mapToDouble(Double::doubleValue).sum();
      if (recorded + rejected < 1) throw new AssertionError("a valid message was neither recorded nor counted\ninput " + m);
      if (delta(rejectedBefore, rejectedAfter, "spoofed") != 0) {
        throw new AssertionError("a message of the topic's own agent counted as spoofed\ninput " + m);
      }
      if (delta(rejectedBefore, rejectedAfter, "malformed") != 0) {
        tally.rejected("store-limits"); // FleetRecords: within the protocol, beyond what the store keeps (named field)
      } else {
        tally.accepted();
      }
    }
  }

  @Provide
  Arbitrary<Message> messages() {
    JsonMutator birth = JsonMutator.of(FleetSamples.birth().toJson());
    JsonMutator heartbeat = JsonMutator.of(FleetSamples.heartbeat().toJson());
    JsonMutator reported = JsonMutator.of(FleetSamples.reported().toJson());
    JsonMutator event = JsonMutator.of(new AgentEvent(AGENT, "swap.done", 1_700_000_000_000L, "pump-1", "swapped",
        Map.of("from", "fp32", "to", "int8")).toJson());
    return Arbitraries.randomValue((Random r) -> {
      FleetTopic.Kind kind = KINDS[r.nextInt(KINDS.length)];
      Payload p = switch (kind) {
        case BIRTH -> birth.next(r);
        case HEARTBEAT -> heartbeat.next(r);
        case REPORTED -> reported.next(r);
        case EVENTS -> event.next(r);
        default -> status(r);
      };
      return new Message(kind, p);
    });
  }

  @AfterProperty
  void tearDown() throws IOException {
    if (tally != null) tally.print();
    if (db != null) db.close();
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  private void setUp() throws IOException {
    dir = Files.createTempDirectory("fuzz-fleet");
    db = Database.open(DatabaseConfig.embedded(dir));
    Clock clock = Clock.systemUTC();
    FleetSettings settings = new FleetSettings(Duration.ofSeconds(15), Duration.ofMinutes(30));
    handlers = new FleetHandlers(new JdbcAgentRegistry(db, clock, settings), new JdbcDesiredStateStore(db, clock),
        new Rejections(meters, clock, LoggerFactory.getLogger(FleetIngestFuzzTest.class)), List.of(), meters,
        LoggerFactory.getLogger(FleetIngestFuzzTest.class));
    tally = new Tally("controller-fleet-ingest");
  }

  /** malformed / spoofed as the protocol records say, or null for a message the handlers must take. */
  private static String expectedRejection(Message m) {
    byte[] b = m.payload().bytes();
    try {
      String agent = switch (m.kind()) {
        case BIRTH -> AgentBirth.parse(b).agentId();
        case HEARTBEAT -> Heartbeat.parse(b).agentId();
        case REPORTED -> ReportedState.parse(b).agentId();
        case EVENTS -> {
          AgentEvent e = AgentEvent.parse(b);
          if (e.type() == null || e.type().isBlank()) yield null;
          yield String.valueOf(e.agent()); // no agent: speaking for nobody is spoofing
        }
        default -> StatusPayload.parse(b).isPresent() ? AGENT : null;
      };
      if (agent == null) return "malformed";
      return agent.equals(AGENT) ? null : "spoofed";
    } catch (ProtocolException | IOException e) {
      return "malformed";
    }
  }

  private static Payload status(Random r) {
    String[] options = {"online", "offline", "ONLINE", " offline\n", "{\"state\":\"online\"}", "{\"state\": 1}",
        "on line", "", "\u0000", "{", "null"};
    String s = options[r.nextInt(options.length)];
    return new Payload("status", s.getBytes(StandardCharsets.UTF_8));
  }

  private Map<String, Double> counts(String name, String tag) {
    Map<String, Double> out = new TreeMap<>();
    for (Counter c : meters.find(name).counters()) out.merge(c.getId().getTag(tag), c.count(), Double::sum);
    return out;
  }

  private double total(String name) {
    return meters.find(name).counters().stream().mapToDouble(Counter::count).sum();
  }

  private static double delta(Map<String, Double> before, Map<String, Double> after, String key) {
    return after.getOrDefault(key, 0.0) - before.getOrDefault(key, 0.0);
  }
}
