-- Every heartbeat prunes its agent's history older than the retention (agent_id = ? AND received_at < ?).
-- Through (agent_id, pipeline, received_at) that scanned every history row of the agent; an index in the
-- prune's order makes it a range seek. Reads by pipeline use the primary key (agent_id, pipeline, ...).
DROP INDEX kpi_history_time;
CREATE INDEX kpi_history_prune ON kpi_history (agent_id, received_at);
