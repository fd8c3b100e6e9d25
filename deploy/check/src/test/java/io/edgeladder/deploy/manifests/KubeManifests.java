package io.edgeladder.deploy.manifests;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads Kubernetes manifests (multi-document YAML) into fabric8 model objects, one class per
 * {@code apiVersion}/{@code kind}. Every problem names the file, the document and the field:
 * an unknown kind or apiVersion, a value of the wrong type, an unknown field, a missing name.
 */
final class KubeManifests {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
      "v1/Namespace", Namespace.class,
      "v1/Secret", Secret.class,
      "v1/ConfigMap", ConfigMap.class,
      "v1/Service", Service.class,
      "v1/PersistentVolumeClaim", PersistentVolumeClaim.class,
      "v1/ServiceAccount", ServiceAccount.class,
      "apps/v1/Deployment", Deployment.class,
      "apps/v1/StatefulSet", StatefulSet.class);

  /** One object of a manifest file. */
  record Doc(String file, int index, HasMetadata object) {
    String where() {
      return file + " (document " + index + ", " + object.getKind() + " " + object.getMetadata().getName() + ")";
    }
  }

  /** What a set of files holds: the objects that parsed and every problem found. */
  record Result(List<Doc> docs, List<String> problems) {
    <T extends HasMetadata> List<T> all(Class<T> type) {
      return docs.stream().map(Doc::object).filter(type::isInstance).map(type::cast).collect(Collectors.toList());
    }

    Doc doc(HasMetadata object) {
      return docs.stream().filter(d -> d.object() == object).findFirst().orElseThrow();
    }
  }

  private KubeManifests() {}

  static Result load(List<Path> files) {
    List<Doc> docs = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Path f : files) load(f, docs, problems);
    return new Result(docs, problems);
  }

  private static void load(Path file, List<Doc> docs, List<String> problems) {
    String name = RepoFiles.name(file);
    List<JsonNode> nodes = new ArrayList<>();
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(Files.readString(file))) {
      while (it.hasNextValue()) nodes.add(it.nextValue());
    } catch (JsonProcessingException e) {
      problems.add(name + ": not YAML: " + e.getOriginalMessage());
      return;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    for (int i = 0; i < nodes.size(); i++) {
      JsonNode node = nodes.get(i);
      int index = i + 1;
      if (node == null || node.isNull() || node.isMissingNode()) continue; // an empty document
      String key = node.path("apiVersion").asText() + "/" + node.path("kind").asText();
      Class<? extends HasMetadata> type = KINDS.get(key);
      if (type == null) {
        problems.add(name + " (document " + index + "): apiVersion/kind '" + key + "' is none of " + KINDS.keySet());
        continue;
      }
      HasMetadata object;
      try {
        object = YAML.treeToValue(node, type);
      } catch (JsonMappingException e) {
        problems.add(name + " (document " + index + ", " + node.path("kind").asText() + "): field "
            + path(e) + ": " + e.getOriginalMessage());
        continue;
      } catch (JsonProcessingException e) {
        problems.add(name + " (document " + index + "): " + e.getOriginalMessage());
        continue;
      }
      if (object.getMetadata() == null || object.getMetadata().getName() == null) {
        problems.add(name + " (document " + index + ", " + object.getKind() + "): field metadata.name is missing");
        continue;
      }
      Doc doc = new Doc(name, index, object);
      List<String> unknown = new ArrayList<>();
      UnknownFields.collect(object, "", unknown);
      unknown.forEach(u -> problems.add(doc.where() + ": unknown field " + u));
      docs.add(doc);
    }
  }

  private static String path(JsonMappingException e) {
    StringBuilder b = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        if (b.length() > 0) b.append('.');
        b.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        b.append('[').append(r.getIndex()).append(']');
      }
    }
    return b.length() == 0 ? "(document)" : b.toString();
  }
}
