-- The annual plan (年度出国计划): per unit and year, the planned trips with their headcount, loaded
-- by an administrator as CSV. A request names its entry; the unit's yearly total is the sum.
CREATE TABLE annual_plan_entry (
    unit        VARCHAR(64)   NOT NULL,
    plan_year   INTEGER       NOT NULL,
    reference   VARCHAR(64)   NOT NULL,
    title       VARCHAR(500)  NOT NULL,
    headcount   INTEGER       NOT NULL,
    loaded_at   TIMESTAMP     NOT NULL,
    loaded_by   VARCHAR(64)   NOT NULL,
    CONSTRAINT pk_annual_plan_entry PRIMARY KEY (unit, plan_year, reference),
    CONSTRAINT ck_annual_plan_headcount CHECK (headcount > 0)
);
