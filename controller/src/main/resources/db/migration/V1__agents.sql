-- Fleet registry. One dialect for PostgreSQL and H2 (MODE=PostgreSQL): plain types, no JSONB,
-- upserts done as UPDATE then INSERT .. ON CONFLICT DO NOTHING by the code.
CREATE TABLE agent (
  agent_id                VARCHAR(128) PRIMARY KEY,
  incarnation             VARCHAR(64)  NOT NULL,
  started_at              TIMESTAMP WITH TIME ZONE NOT NULL,
  agent_version           VARCHAR(64)  NOT NULL,
  java_version            VARCHAR(64)  NOT NULL,
  ort_version             VARCHAR(64)  NOT NULL,
  hardware_json           TEXT         NOT NULL,
  public_key_id           VARCHAR(64),
  status                  VARCHAR(16)  NOT NULL,
  status_at               TIMESTAMP WITH TIME ZONE NOT NULL,
  first_seen              TIMESTAMP WITH TIME ZONE NOT NULL,
  last_seen               TIMESTAMP WITH TIME ZONE NOT NULL,
  last_seq                BIGINT       NOT NULL,
  uptime_ms               BIGINT       NOT NULL,
  applied_desired_version BIGINT       NOT NULL,
  previous_incarnation    VARCHAR(64),
  previous_last_seen      TIMESTAMP WITH TIME ZONE,
  duplicate_incarnation   VARCHAR(64),
  duplicate_at            TIMESTAMP WITH TIME ZONE
);
CREATE INDEX agent_status_seen ON agent (status, last_seen);

CREATE TABLE agent_label (
  agent_id    VARCHAR(128) NOT NULL REFERENCES agent (agent_id) ON DELETE CASCADE,
  label_key   VARCHAR(128) NOT NULL,
  label_value VARCHAR(256) NOT NULL,
  PRIMARY KEY (agent_id, label_key)
);
CREATE INDEX agent_label_kv ON agent_label (label_key, label_value);

CREATE TABLE agent_pipeline (
  agent_id       VARCHAR(128) NOT NULL REFERENCES agent (agent_id) ON DELETE CASCADE,
  ordinal       INT          NOT NULL,
  name           VARCHAR(128) NOT NULL,
  model          VARCHAR(128) NOT NULL,
  active_variant VARCHAR(128) NOT NULL,
  release_sha    VARCHAR(64),
  PRIMARY KEY (agent_id, name)
);
CREATE INDEX agent_pipeline_model ON agent_pipeline (model);

CREATE TABLE agent_artifact (
  agent_id VARCHAR(128) NOT NULL REFERENCES agent (agent_id) ON DELETE CASCADE,
  ordinal INT          NOT NULL,
  sha256   VARCHAR(64)  NOT NULL,
  PRIMARY KEY (agent_id, sha256)
);
CREATE INDEX agent_artifact_sha ON agent_artifact (sha256);

-- Newest KPI sample per pipeline.
CREATE TABLE kpi_latest (
  agent_id        VARCHAR(128) NOT NULL REFERENCES agent (agent_id) ON DELETE CASCADE,
  pipeline        VARCHAR(128) NOT NULL,
  incarnation     VARCHAR(64)  NOT NULL,
  seq             BIGINT       NOT NULL,
  received_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  active_variant  VARCHAR(128) NOT NULL,
  variant_sha256  VARCHAR(64),
  windows         BIGINT       NOT NULL,
  results         BIGINT       NOT NULL,
  deadline_misses BIGINT       NOT NULL,
  errors          BIGINT       NOT NULL,
  miss_rate       DOUBLE PRECISION NOT NULL,
  error_rate      DOUBLE PRECISION NOT NULL,
  p99_ms          DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (agent_id, pipeline)
);

-- Bounded history (the registry deletes rows older than its retention on every heartbeat).
CREATE TABLE kpi_history (
  agent_id        VARCHAR(128) NOT NULL REFERENCES agent (agent_id) ON DELETE CASCADE,
  pipeline        VARCHAR(128) NOT NULL,
  incarnation     VARCHAR(64)  NOT NULL,
  seq             BIGINT       NOT NULL,
  received_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  active_variant  VARCHAR(128) NOT NULL,
  variant_sha256  VARCHAR(64),
  windows         BIGINT       NOT NULL,
  results         BIGINT       NOT NULL,
  deadline_misses BIGINT       NOT NULL,
  errors          BIGINT       NOT NULL,
  miss_rate       DOUBLE PRECISION NOT NULL,
  error_rate      DOUBLE PRECISION NOT NULL,
  p99_ms          DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (agent_id, pipeline, incarnation, seq)
);
CREATE INDEX kpi_history_time ON kpi_history (agent_id, pipeline, received_at);
