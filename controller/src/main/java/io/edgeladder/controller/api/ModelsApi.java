package io.edgeladder.controller.api;

import io.edgeladder.controller.distribution.DistributionException;
import io.edgeladder.controller.distribution.PublishProgress;
import io.edgeladder.controller.distribution.PublishReport;
import io.edgeladder.controller.distribution.ReleasePublisher;
import io.edgeladder.controller.store.models.ModelRecord;
import io.edgeladder.controller.store.models.ModelRegistry;
import io.edgeladder.controller.store.models.ReleaseRecord;
import io.edgeladder.protocol.Fields;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code GET /models}, {@code GET /models/{name}/releases}, {@code POST /releases}. A release is pushed from
 * a ladder folder on the controller host ({@code {"path": "/abs/ladder"}}): the folder {@code variants build}
 * wrote, whose {@code ladder.json} names the variant files relative to it. It is checked ({@link LadderCheck}),
 * signed, recorded and published; the answer is the {@link PublishReport} (201 for a new release, 200 when
 * the same release was already recorded).
 */
final class ModelsApi {
  /** {@code POST /releases} body. @param force publish chunks and manifest again even if already published */
  record ReleaseRequest(String path, Boolean force) {
    ReleaseRequest {
      Fields.text("ReleaseRequest", "path", path);
    }
  }

  private final ModelRegistry models;
  private final ReleasePublisher publisher;

  ModelsApi(ModelRegistry models, ReleasePublisher publisher) {
    this.models = models;
    this.publisher = publisher;
  }

  void register(Router router, Exchange ex, String base) {
    router.get(base + "/models").handler(ex.handle("GET " + base + "/models", ctx -> () -> {
      return models.models().stream().map(m -> ModelJson.ModelSummary.of(m, models.releases(m.name()))).toList();
    }));
    router.get(base + "/models/:name/releases").handler(ex.handle("GET " + base + "/models/:name/releases", ctx -> {
      String name = ctx.pathParam("name");
      return () -> {
        ModelRecord m = models.model(name).orElseThrow(() -> ApiException.notFound("name", "model " + name
            + " is not in the model registry"));
        List<ReleaseRecord> releases = models.releases(m.name());
        return releases.stream().map(r -> ModelJson.Release.of(r, models.pushes(r.releaseSha()))).toList();
      };
    }));
    router.post(base + "/releases").handler(ex.handle("POST " + base + "/releases", ctx -> {
      ReleaseRequest req = RequestJson.read(Exchange.body(ctx), ReleaseRequest.class);
      Path folder = Path.of(req.path());
      if (!folder.isAbsolute()) {
        throw ApiException.badRequest("invalid_field", "path", "path must be absolute on the controller host but was "
            + req.path());
      }
      boolean force = Boolean.TRUE.equals(req.force());
      return () -> publish(folder.normalize(), force, base);
    }));
  }

  private Reply publish(Path folder, boolean force, String base) throws Exception {
    LadderCheck.check(folder);
    PublishReport report;
    try {
      report = publisher.publish(folder, force, PublishProgress.NONE);
    } catch (DistributionException e) {
      // The folder passed LadderCheck: what is left is the broker refusing or not acknowledging.
      throw new ApiException(502, "publish_failed", null, e.getMessage());
    }
    return report.newRelease()
        ? Reply.created(report, base + "/models/" + report.model() + "/releases")
        : Reply.json(200, report);
  }
}
