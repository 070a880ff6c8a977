-- The per-diem standards (财行〔2013〕516号 附件: lodging, meals and incidentals per person, by country
-- and city) and the exchange rates the budget rule converts them with, loaded by finance as CSV.
-- Every load is a new version with the day it applies from; a version is never changed or replaced,
-- so a finding can always be traced to the rows it used. One version per kind applies from a day.
-- loaded_by is null for the examples shipped with the application (loaded at first start).
CREATE TABLE per_diem_standard_version (
    version       VARCHAR(64)   NOT NULL,
    applies_from  DATE          NOT NULL,
    loaded_at     TIMESTAMP     NOT NULL,
    loaded_by     VARCHAR(64),
    CONSTRAINT pk_per_diem_standard_version PRIMARY KEY (version),
    CONSTRAINT uq_per_diem_standard_applies_from UNIQUE (applies_from)
);

-- city '' is the row for the whole country; a row for a city wins over it where a trip names the city
CREATE TABLE per_diem_standard (
    version       VARCHAR(64)    NOT NULL,
    country       VARCHAR(2)     NOT NULL,
    city          VARCHAR(100)   NOT NULL,
    currency      VARCHAR(3)     NOT NULL,
    lodging       NUMERIC(14, 2) NOT NULL,
    meals         NUMERIC(14, 2) NOT NULL,
    incidentals   NUMERIC(14, 2) NOT NULL,
    CONSTRAINT pk_per_diem_standard PRIMARY KEY (version, country, city),
    CONSTRAINT fk_per_diem_standard_version FOREIGN KEY (version)
        REFERENCES per_diem_standard_version (version),
    CONSTRAINT ck_per_diem_standard_amounts CHECK (lodging >= 0 AND meals >= 0 AND incidentals >= 0)
);

CREATE TABLE exchange_rate_version (
    version       VARCHAR(64)   NOT NULL,
    applies_from  DATE          NOT NULL,
    loaded_at     TIMESTAMP     NOT NULL,
    loaded_by     VARCHAR(64),
    CONSTRAINT pk_exchange_rate_version PRIMARY KEY (version),
    CONSTRAINT uq_exchange_rate_applies_from UNIQUE (applies_from)
);

-- yuan per unit of the currency (the yuan itself is 1 and has no row)
CREATE TABLE exchange_rate (
    version       VARCHAR(64)    NOT NULL,
    currency      VARCHAR(3)     NOT NULL,
    cny_per_unit  NUMERIC(18, 6) NOT NULL,
    CONSTRAINT pk_exchange_rate PRIMARY KEY (version, currency),
    CONSTRAINT fk_exchange_rate_version FOREIGN KEY (version)
        REFERENCES exchange_rate_version (version),
    CONSTRAINT ck_exchange_rate_positive CHECK (cny_per_unit > 0)
);
