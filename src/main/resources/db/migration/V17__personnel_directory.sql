-- The personnel directory (人员名录): people with a stable id (their employee number), loaded by
-- administrators from CSV one unit at a time (ADR 0020). A person who leaves a unit's file is kept,
-- inactive: the trips they travelled on still name them by this id.
CREATE TABLE person (
    person_id         VARCHAR(64)   NOT NULL,
    name              VARCHAR(100)  NOT NULL,
    unit              VARCHAR(64)   NOT NULL,
    post              VARCHAR(200)  NOT NULL,
    person_rank       VARCHAR(20)   NOT NULL,
    principal_leader  BOOLEAN       NOT NULL,
    user_id           VARCHAR(64),
    active            BOOLEAN       NOT NULL,
    loaded_at         TIMESTAMP     NOT NULL,
    loaded_by         VARCHAR(64)   NOT NULL,
    CONSTRAINT pk_person PRIMARY KEY (person_id)
);
CREATE UNIQUE INDEX ux_person_user ON person (user_id);
CREATE INDEX ix_person_unit ON person (unit);
CREATE INDEX ix_person_name ON person (name);

-- The registry's members by id: the rules match a member by this id, never by a name that
-- hundreds of thousands share. Rows written before the directory have none.
ALTER TABLE trip_member ADD COLUMN person_id VARCHAR(64);
CREATE INDEX ix_trip_member_person ON trip_member (person_id);
