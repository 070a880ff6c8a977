-- Which missing working-day calendars the administrators and the office have been told of: one mail
-- per year, however many nodes check.
CREATE TABLE calendar_warning (
    calendar_year INTEGER   NOT NULL,
    warned_at     TIMESTAMP NOT NULL,
    CONSTRAINT pk_calendar_warning PRIMARY KEY (calendar_year)
);
