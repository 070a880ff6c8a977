-- The working-day calendar's exceptions to Monday-to-Friday: public holidays (HOLIDAY) and the
-- weekend days worked instead (调休, WORKDAY), loaded per year by an administrator from the State
-- Council's annual notice.
CREATE TABLE work_calendar_day (
    calendar_day  DATE          NOT NULL,
    kind          VARCHAR(10)   NOT NULL,
    name          VARCHAR(100)  NOT NULL,
    CONSTRAINT pk_work_calendar_day PRIMARY KEY (calendar_day),
    CONSTRAINT ck_work_calendar_kind CHECK (kind IN ('HOLIDAY', 'WORKDAY'))
);
