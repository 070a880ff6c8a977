-- The approval documents (出国任务批件): each issued PDF with its SHA-256, the check code printed on it
-- and a seal over number, revision and hash, both made with the trail's key (outside the database:
-- ADR 0019). Written in the transaction that issues the approval number: no number, no document.
-- A change after approval reissues the document as the next revision of the same number.
CREATE TABLE approval_document (
    approval_number      VARCHAR(64)  NOT NULL,
    revision             INTEGER      NOT NULL,
    process_instance_id  VARCHAR(64)  NOT NULL,
    applicant            VARCHAR(64)  NOT NULL,
    unit                 VARCHAR(64),
    issued_at            TIMESTAMP    NOT NULL,
    sha256               VARCHAR(64)  NOT NULL,
    check_code           VARCHAR(16)  NOT NULL,
    seal                 VARCHAR(64)  NOT NULL,
    content              BYTEA        NOT NULL,
    CONSTRAINT pk_approval_document PRIMARY KEY (approval_number, revision)
);
CREATE INDEX ix_approval_document_trip ON approval_document (process_instance_id);
CREATE INDEX ix_approval_document_sha256 ON approval_document (sha256);
