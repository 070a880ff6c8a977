-- The trip registry: one row per trip and per member and country, kept in step with the process in
-- the engine's transaction; the auditors' searches and the frequency and overdue rules read it.
CREATE TABLE trip_registry (
    process_instance_id    VARCHAR(64)   PRIMARY KEY,
    applicant              VARCHAR(64),
    unit                   VARCHAR(64),
    status                 VARCHAR(20)   NOT NULL,
    purpose                VARCHAR(2000),
    departure_date         DATE,
    return_date            DATE,
    actual_departure_date  DATE,
    actual_return_date     DATE,
    approval_number        VARCHAR(32),
    delegation_size        INTEGER,
    total_budget           NUMERIC(14, 2),
    planned                BOOLEAN,
    blocking_findings      INTEGER       NOT NULL DEFAULT 0,
    findings               VARCHAR(4000),
    report_status          VARCHAR(20)   NOT NULL DEFAULT 'NOT_DUE',
    last_decision          VARCHAR(20),
    submitted_at           TIMESTAMP,
    ended_at               TIMESTAMP,
    updated_at             TIMESTAMP     NOT NULL
);
CREATE INDEX ix_trip_registry_unit ON trip_registry (unit, departure_date);
CREATE INDEX ix_trip_registry_applicant ON trip_registry (applicant);
CREATE INDEX ix_trip_registry_status ON trip_registry (status);
CREATE INDEX ix_trip_registry_report ON trip_registry (report_status);
CREATE INDEX ix_trip_registry_departure ON trip_registry (departure_date);

CREATE TABLE trip_member (
    process_instance_id  VARCHAR(64)   NOT NULL,
    member_index         INTEGER       NOT NULL,
    name                 VARCHAR(100)  NOT NULL,
    post                 VARCHAR(200),
    member_rank          VARCHAR(20),
    CONSTRAINT pk_trip_member PRIMARY KEY (process_instance_id, member_index)
);
CREATE INDEX ix_trip_member_name ON trip_member (name);

CREATE TABLE trip_country (
    process_instance_id  VARCHAR(64)  NOT NULL,
    country              VARCHAR(2)   NOT NULL,
    CONSTRAINT pk_trip_country PRIMARY KEY (process_instance_id, country)
);
CREATE INDEX ix_trip_country ON trip_country (country);

-- The audit trail: append-only; each row carries the hash of the previous one, so a changed or
-- removed row breaks the chain at that point. The single chain-head row serializes appenders.
CREATE TABLE audit_trail (
    id                   BIGINT        PRIMARY KEY,
    process_instance_id  VARCHAR(64),
    event                VARCHAR(60)   NOT NULL,
    actor                VARCHAR(64),
    occurred_at          TIMESTAMP     NOT NULL,
    details              TEXT          NOT NULL,
    previous_hash        CHAR(64)      NOT NULL,
    hash                 CHAR(64)      NOT NULL
);
CREATE INDEX ix_audit_trail_trip ON audit_trail (process_instance_id, id);

CREATE TABLE audit_chain_head (
    id         INTEGER   PRIMARY KEY,
    last_id    BIGINT    NOT NULL,
    last_hash  CHAR(64)  NOT NULL
);
INSERT INTO audit_chain_head (id, last_id, last_hash)
    VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
