package io.edgeladder.bench.adaptive;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContentionScenarioTest {

  @Test
  void chooseRate_competitorHalvesCapacity_keepsFreeHeadroom() {
    // free 5 000/s, contended 2 500/s: min(5000/1.15 = 4348, 2500/0.7 = 3571)
    double rate = ContentionScenario.chooseRate(new CapacityProbe.Capacity(5000, 2500), 1);

    assertThat(rate).isEqualTo(3571);
    assertThat(5000 / rate).isGreaterThanOrEqualTo(ContentionScenario.FREE_HEADROOM);
    assertThat(2500 / rate).isLessThanOrEqualTo(ContentionScenario.CONTENDED_SHARE + 1e-3);
  }

  @Test
  void chooseRate_mildCompetitor_staysAtTheFreeHeadroomRate() {
    // the 2026-11-24 run: free 1.28x and contended 0.78x of 3 968/s
    double rate = ContentionScenario.chooseRate(new CapacityProbe.Capacity(5079, 3095), 8);

    assertThat(rate).isEqualTo(4416); // 5079/1.15 = 4417 -> 552 messages of 8 windows; 3095/0.7 = 4421
    assertThat(3095 / rate).isLessThan(0.71);
  }

  @Test
  void chooseRate_neverBelowOneMessagePerSecond() {
    assertThat(ContentionScenario.chooseRate(new CapacityProbe.Capacity(1, 0.1), 4)).isEqualTo(4);
  }
}
