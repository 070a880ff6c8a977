-- Request numbers (申请编号): the business key a trip gets when it is submitted,
-- <unit's short name>-<year of submission>-<sequence>, e.g. 省商务厅-2026-0012, gap-free per unit and year.
-- The counter is kept per printed short name, so that two units that share one can never print the
-- same number. Assigning locks the row until the submission commits: submissions of one unit wait
-- in turn on any node; a submission that is refused or rolled back takes its number back with it.
CREATE TABLE request_counter (
    unit_prefix   VARCHAR(40)  NOT NULL,
    request_year  INTEGER      NOT NULL,
    last_number   INTEGER      NOT NULL,
    CONSTRAINT pk_request_counter PRIMARY KEY (unit_prefix, request_year)
);
CREATE TABLE request_number (
    unit_prefix          VARCHAR(40)  NOT NULL,
    request_year         INTEGER      NOT NULL,
    sequence_number      INTEGER      NOT NULL,
    request_number       VARCHAR(64)  NOT NULL,
    unit                 VARCHAR(64),
    process_instance_id  VARCHAR(64)  NOT NULL,
    assigned_at          TIMESTAMP    NOT NULL,
    CONSTRAINT pk_request_number PRIMARY KEY (unit_prefix, request_year, sequence_number),
    CONSTRAINT uq_request_number UNIQUE (request_number),
    CONSTRAINT uq_request_number_trip UNIQUE (process_instance_id)
);

-- the registry shows it and the auditors find a trip by it; trips submitted before this have none
ALTER TABLE trip_registry ADD COLUMN request_number VARCHAR(64);
CREATE INDEX ix_trip_registry_request_number ON trip_registry (request_number);
