-- Desired state per agent and what the agent reported. No foreign key to agent: a desired state
-- may be issued before the agent's first birth reaches this controller.
CREATE TABLE agent_state (
  agent_id         VARCHAR(128) PRIMARY KEY,
  desired_version  BIGINT       NOT NULL,
  desired_json     TEXT,
  issued_at        TIMESTAMP WITH TIME ZONE,
  reported_version BIGINT,
  reported_state   VARCHAR(16),
  reported_json    TEXT,
  reported_at      TIMESTAMP WITH TIME ZONE
);
