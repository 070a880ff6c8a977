-- For the auditors' statistics: when a trip was approved, and why it was rejected.
ALTER TABLE trip_registry ADD COLUMN approved_at TIMESTAMP;
ALTER TABLE trip_registry ADD COLUMN rejection_reason VARCHAR(2000);
