package io.edgeladder.deploy.bridge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code deploy/mosquitto/gateway.conf} templated for a test, only where a test must differ from a gateway:
 * the local listener's port, the fleet broker's address, the CA file and the bridge's password; a log to
 * stderr, and {@code user root} when run as root (else mosquitto drops to a user who cannot read the test's
 * files). A template line missing from the file fails, naming it, so the file and the test cannot drift.
 */
final class GatewayConf {
  private GatewayConf() {}

  static String template(String conf, int localPort, String fleetAddress, String caFile, String password) {
    Map<String, String> lines = new LinkedHashMap<>();
    lines.put("listener 1883 127.0.0.1", "listener " + localPort + " 127.0.0.1");
    lines.put("address fleet.example.net:8883", "address " + fleetAddress);
    lines.put("bridge_cafile /etc/mosquitto/certs/fleet-ca.crt", "bridge_cafile " + caFile);
    lines.put("remote_password CHANGE_ME", "remote_password " + password);
    List<String> out = new ArrayList<>();
    for (String line : conf.split("\n", -1)) {
      String replaced = lines.remove(line.strip());
      out.add(replaced != null ? replaced : line);
    }
    if (!lines.isEmpty()) {
      throw new IllegalStateException("deploy/mosquitto/gateway.conf no longer has the line(s) " + lines.keySet()
          + " GatewayBridgeIT templates; update GatewayConf with it");
    }
    // global options must precede the bridge section: mosquitto reads everything after "connection" as bridge options
    int at = out.indexOf("connection fleet");
    out.addAll(at < 0 ? out.size() : at, List.of("log_dest stderr", "log_type all"));
    if ("root".equals(System.getProperty("user.name"))) out.add(at < 0 ? out.size() : at, "user root");
    return String.join("\n", out) + "\n";
  }
}
