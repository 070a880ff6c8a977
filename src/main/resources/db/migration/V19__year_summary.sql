-- The statistics of a year kept with the registry (ADR 0023): per year of departure and unit, the
-- figures the auditors' statistics page shows, changed in the engine's transaction with the registry
-- row, so that a year's statistics read a few hundred rows however many trips the registry holds.
-- Only trips with a unit and a departure date count, as on the page. Rows are never deleted: a
-- count that falls to 0 stays as a 0 (the page leaves those out).
CREATE TABLE trip_year_summary (
    departure_year   INTEGER      NOT NULL,
    unit             VARCHAR(64)  NOT NULL,
    trips            INTEGER      NOT NULL,
    members          BIGINT       NOT NULL,
    days_abroad      BIGINT       NOT NULL,
    planned          INTEGER      NOT NULL,
    unplanned        INTEGER      NOT NULL,
    rejected         INTEGER      NOT NULL,
    withdrawn        INTEGER      NOT NULL,
    overdue_reports  INTEGER      NOT NULL,
    CONSTRAINT pk_trip_year_summary PRIMARY KEY (departure_year, unit)
);

-- How many of the year's trips of the unit go to each country (the page counts the countries).
CREATE TABLE trip_year_country (
    departure_year  INTEGER      NOT NULL,
    unit            VARCHAR(64)  NOT NULL,
    country         VARCHAR(2)   NOT NULL,
    trips           INTEGER      NOT NULL,
    CONSTRAINT pk_trip_year_country PRIMARY KEY (departure_year, unit, country)
);

-- How many trips were submitted on one day and numbered on another (days in the application's
-- zone): the working days between are counted when the page is read, on the calendar as it is then.
CREATE TABLE trip_year_approval (
    departure_year  INTEGER      NOT NULL,
    unit            VARCHAR(64)  NOT NULL,
    submitted_on    DATE         NOT NULL,
    approved_on     DATE         NOT NULL,
    trips           INTEGER      NOT NULL,
    CONSTRAINT pk_trip_year_approval PRIMARY KEY (departure_year, unit, submitted_on, approved_on)
);

-- How many rejected trips gave each reason; a reason (up to 2,000 characters) is keyed by its
-- SHA-256 in hex, since an index on the text itself would exceed PostgreSQL's limit.
CREATE TABLE trip_year_rejection (
    departure_year  INTEGER        NOT NULL,
    unit            VARCHAR(64)    NOT NULL,
    reason_key      CHAR(64)       NOT NULL,
    reason          VARCHAR(2000)  NOT NULL,
    trips           INTEGER        NOT NULL,
    CONSTRAINT pk_trip_year_rejection PRIMARY KEY (departure_year, unit, reason_key)
);
