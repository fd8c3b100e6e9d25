package io.edgeladder.controller.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code openapi.yaml} on its own: every path parameter is declared, every {@code $ref} resolves, every
 * example validates against its schema, the schemas use only keywords {@link SchemaCheck} validates, and the
 * checker rejects bodies that break a schema. ({@code ApiServerIT} compares the document with the Router.)
 */
class OpenApiDocumentTest {
  static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");

  private static SchemaCheck schemas;

  @BeforeAll
  static void read() throws Exception {
    schemas = new SchemaCheck();
  }

  @Test
  void pathParameters_declaredForEveryTemplateVariable() {
    Pattern var = Pattern.compile("\\{([^}]+)}");
    List<String> problems = new ArrayList<>();
    schemas.doc.get("paths").fields().forEachRemaining(path -> {
      for (String method : METHODS) {
        JsonNode op = path.getValue().get(method);
        if (op == null) continue;
        Matcher m = var.matcher(path.getKey());
        while (m.find()) {
          boolean declared = false;
          for (JsonNode p : op.path("parameters")) {
            JsonNode param = resolve(p);
            declared |= param.get("in").asText().equals("path") && param.get("name").asText().equals(m.group(1));
          }
          if (!declared) problems.add(method + " " + path.getKey() + ": {" + m.group(1) + "} not declared");
        }
      }
    });
    assertThat(problems).isEmpty();
  }

  @Test
  void refs_allResolve() {
    List<String> broken = new ArrayList<>();
    walk(schemas.doc, node -> {
      if (node.has("$ref") && schemas.doc.at(node.get("$ref").asText().substring(1)).isMissingNode()) {
        broken.add(node.get("$ref").asText());
      }
    });
    assertThat(broken).isEmpty();
  }

  @Test
  void schemas_useOnlyKeywordsTheCheckerValidates() {
    assertThat(schemas.unknownKeywords()).isEmpty();
  }

  @Test
  void examples_validateAgainstTheirSchemas() {
    List<JsonNode> media = new ArrayList<>();
    walk(schemas.doc, node -> {
      if (node.has("schema") && node.has("example")) media.add(node);
    });
    assertThat(media).hasSizeGreaterThanOrEqualTo(6);
    for (JsonNode m : media) {
      assertThat(schemas.validate(m.get("schema"), m.get("example"))).as(m.get("example").toString()).isEmpty();
    }
  }

  @Test
  void checker_rejectsBodiesThatBreakTheSchema() throws Exception {
    JsonNode missingField = ControllerFixture.JSON.readTree("{\"error\":\"not_found\",\"message\":\"x\"}");
    JsonNode unknownReason = ControllerFixture.JSON.readTree("{\"error\":\"oops\",\"field\":null,\"message\":\"x\"}");
    JsonNode wrongType = ControllerFixture.JSON.readTree("{\"pipelines\":[{\"name\":1,\"model\":\"m\"}]}");
    JsonNode empty = ControllerFixture.JSON.readTree("{\"pipelines\":[]}");
    assertThat(schemas.validate("Error", missingField)).singleElement().asString().contains("field");
    assertThat(schemas.validate("Error", unknownReason)).singleElement().asString().contains("oops");
    assertThat(schemas.validate("DesiredRequest", wrongType)).singleElement().asString().contains("name");
    assertThat(schemas.validate("DesiredRequest", empty)).isNotEmpty();
  }

  /** Every documented operation as {@code METHOD /path/{param}}. */
  static TreeSet<String> documented(SchemaCheck schemas) {
    TreeSet<String> ops = new TreeSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = schemas.doc.get("paths").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> path = it.next();
      for (String method : METHODS) {
        if (path.getValue().has(method)) ops.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
      }
    }
    return ops;
  }

  private static JsonNode resolve(JsonNode node) {
    return node.has("$ref") ? schemas.doc.at(node.get("$ref").asText().substring(1)) : node;
  }

  private static void walk(JsonNode node, java.util.function.Consumer<JsonNode> visit) {
    if (node.isObject()) {
      visit.accept(node);
      node.elements().forEachRemaining(child -> walk(child, visit));
    } else if (node.isArray()) {
      node.elements().forEachRemaining(child -> walk(child, visit));
    }
  }
}
