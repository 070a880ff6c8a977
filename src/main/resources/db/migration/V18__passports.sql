-- Official passports in custody (护照集中管理, ADR 0021): each passport of a person of the directory,
-- and each release of one for an approved trip, with who released it, who received it, the day it
-- is due back and when it came back. A passport not back by its day blocks its holder's next trip.
CREATE TABLE passport (
    passport_number  VARCHAR(20)  NOT NULL,
    person_id        VARCHAR(64)  NOT NULL,
    kind             VARCHAR(20)  NOT NULL,
    expiry           DATE         NOT NULL,
    registered_at    TIMESTAMP    NOT NULL,
    registered_by    VARCHAR(64)  NOT NULL,
    CONSTRAINT pk_passport PRIMARY KEY (passport_number)
);
CREATE INDEX ix_passport_person ON passport (person_id);

CREATE TABLE passport_custody (
    process_instance_id  VARCHAR(64)   NOT NULL,
    person_id            VARCHAR(64)   NOT NULL,
    passport_number      VARCHAR(20)   NOT NULL,
    released_at          TIMESTAMP     NOT NULL,
    released_by          VARCHAR(64)   NOT NULL,
    received_by          VARCHAR(100)  NOT NULL,
    due_back             DATE          NOT NULL,
    returned_at          TIMESTAMP,
    returned_by          VARCHAR(64),
    CONSTRAINT pk_passport_custody PRIMARY KEY (process_instance_id, person_id)
);
CREATE INDEX ix_passport_custody_person ON passport_custody (person_id);
CREATE INDEX ix_passport_custody_open ON passport_custody (due_back, returned_at);
