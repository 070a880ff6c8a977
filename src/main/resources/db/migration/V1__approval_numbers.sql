-- Approval numbers (批件号) issued by the foreign affairs office: one per trip, gap-free per year.
CREATE TABLE approval_number (
    approval_year        INTEGER      NOT NULL,
    sequence_number      INTEGER      NOT NULL,
    approval_number      VARCHAR(32)  NOT NULL,
    process_instance_id  VARCHAR(64)  NOT NULL,
    issued_at            TIMESTAMP    NOT NULL,
    CONSTRAINT pk_approval_number PRIMARY KEY (approval_year, sequence_number),
    CONSTRAINT uq_approval_number UNIQUE (approval_number),
    CONSTRAINT uq_approval_number_trip UNIQUE (process_instance_id)
);
