-- Rule: a plain timestamp is written YYYY-MM-DD HH:MM:SS (no zone, no fraction) and its day lies between the
-- column's earliest and latest day.
-- Grain: one value in, one boolean out. Parameters: earliest, latest (dates, from the contract and the clock).
create or replace macro plain_timestamp(raw, earliest, latest) as
    strftime(try_cast(raw as timestamp), '%Y-%m-%d %H:%M:%S') = raw
    and cast(try_cast(raw as timestamp) as date) >= earliest
    and cast(try_cast(raw as timestamp) as date) <= latest
