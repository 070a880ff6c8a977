-- The audit trail's chain becomes keyed (HMAC-SHA256, key outside the database; ADR 0010).
-- Rows already written keep their plain SHA-256 hash: keyed_from is the first id sealed with the key.
-- An attacker who moves it is caught by the checkpoints kept outside the database, which record it.
ALTER TABLE audit_chain_head ADD COLUMN keyed_from BIGINT;
UPDATE audit_chain_head SET keyed_from = last_id + 1 WHERE id = 1;
ALTER TABLE audit_chain_head ALTER COLUMN keyed_from SET NOT NULL;

-- The instant of an entry, independent of the zone of the node that writes or reads it. Existing
-- values are converted in the session's zone, which the JDBC driver takes from the JVM: run this
-- migration on a node in the zone that wrote them (as their verification always assumed).
ALTER TABLE audit_trail ALTER COLUMN occurred_at SET DATA TYPE TIMESTAMP WITH TIME ZONE;
