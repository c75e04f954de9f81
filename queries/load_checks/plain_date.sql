-- Rule: a plain date is written YYYY-MM-DD (the cast writes it back as written) and lies between the column's
-- earliest and latest day (the latest is today for a column that may not be in the future).
-- Grain: one value in, one boolean out. Parameters: earliest, latest (dates, from the contract and the clock).
create or replace macro plain_date(raw, earliest, latest) as
    strftime(try_cast(raw as date), '%Y-%m-%d') = raw
    and try_cast(raw as date) >= earliest and try_cast(raw as date) <= latest
