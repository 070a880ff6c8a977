-- The auditors' search lists the latest departures first (departure_date DESC NULLS LAST, then the
-- id): indexes in that order give the first page without sorting every match, with or without a
-- unit. A trip's countries and its findings' rules carry its departure date, so that "trips to
-- this country (with this finding) in this period" is one index range however many trips the
-- registry holds (docs/performance.md).
CREATE INDEX ix_trip_registry_latest ON trip_registry (departure_date DESC NULLS LAST, process_instance_id);
CREATE INDEX ix_trip_registry_unit_latest ON trip_registry (unit, departure_date DESC NULLS LAST, process_instance_id);
DROP INDEX ix_trip_registry_unit;

ALTER TABLE trip_country ADD COLUMN departure_date DATE;
UPDATE trip_country SET departure_date = (SELECT r.departure_date FROM trip_registry r
    WHERE r.process_instance_id = trip_country.process_instance_id);
CREATE INDEX ix_trip_country_departure ON trip_country (country, departure_date);
DROP INDEX ix_trip_country;

CREATE TABLE trip_finding (
    process_instance_id  VARCHAR(64)  NOT NULL,
    rule                 VARCHAR(40)  NOT NULL,
    departure_date       DATE,
    CONSTRAINT pk_trip_finding PRIMARY KEY (process_instance_id, rule)
);
CREATE INDEX ix_trip_finding_departure ON trip_finding (rule, departure_date);
INSERT INTO trip_finding (process_instance_id, rule, departure_date)
    SELECT r.process_instance_id, k.rule, r.departure_date
    FROM trip_registry r JOIN (VALUES ('budget'), ('countries'), ('days'), ('frequency'), ('invitation'), ('overdue'),
        ('plan'), ('purpose'), ('size'), ('tasks')) AS k (rule) ON (',' || r.findings || ',') LIKE '%,' || k.rule || ',%';
