-- Rule: a plain month is written YYYY-MM or YYYY-MM-01 and lies between the column's earliest and latest day.
-- Grain: one value in, one boolean out. Parameters: earliest, latest (dates, from the contract and the clock).
create or replace macro plain_month(raw, earliest, latest) as
    (strftime(typed_month(raw), '%Y-%m') = raw or strftime(typed_month(raw), '%Y-%m-01') = raw)
    and typed_month(raw) >= earliest and typed_month(raw) <= latest
