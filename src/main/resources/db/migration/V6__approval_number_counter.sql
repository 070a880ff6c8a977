-- The last approval number issued per year. Issuing locks the year's row until the step commits,
-- so nodes issuing at the same moment wait in turn instead of colliding on the same number.
CREATE TABLE approval_counter (
    approval_year  INTEGER  NOT NULL,
    last_number    INTEGER  NOT NULL,
    CONSTRAINT pk_approval_counter PRIMARY KEY (approval_year)
);
INSERT INTO approval_counter (approval_year, last_number)
    SELECT approval_year, MAX(sequence_number) FROM approval_number GROUP BY approval_year;
