package io.edgeladder.deploy.manifests;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.ArrayList;
import java.util.List;

/** A Deployment or StatefulSet seen through its pod template, with the field path prefix messages use. */
record Workload(KubeManifests.Doc doc, PodTemplateSpec template) {
  static final String POD = "spec.template.spec";

  static List<Workload> all(KubeManifests.Result r) {
    List<Workload> out = new ArrayList<>();
    for (KubeManifests.Doc d : r.docs()) {
      HasMetadata o = d.object();
      if (o instanceof Deployment dep && dep.getSpec() != null) out.add(new Workload(d, dep.getSpec().getTemplate()));
      if (o instanceof StatefulSet s && s.getSpec() != null) out.add(new Workload(d, s.getSpec().getTemplate()));
    }
    return out;
  }

  String problem(String field, String what) {
    return doc.where() + ": field " + field + ": " + what;
  }
}
