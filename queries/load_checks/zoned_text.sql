-- Rule: an instant (a time with a zone) as pandas shows it in the file's own zone, as Python's
-- isoformat(sep=" ") writes it: 2026-05-02 10:00:00+08:00 (a fraction only when there is one).
-- Grain: one value in, one text out. Parameters: zone (the zone the file's column names).
create or replace macro zoned_text(value, zone) as
    strftime(timezone(zone, value), '%Y-%m-%d %H:%M:%S')
    || case when microsecond(timezone(zone, value)) % 1000000 = 0 then ''
            else strftime(timezone(zone, value), '.%f') end
    || case when epoch(timezone(zone, value)) < epoch(value) then '-' else '+' end
    || lpad(cast(cast(abs(epoch(timezone(zone, value)) - epoch(value)) as bigint) // 3600 as varchar), 2, '0')
    || ':'
    || lpad(cast(cast(abs(epoch(timezone(zone, value)) - epoch(value)) as bigint) % 3600 // 60 as varchar), 2, '0')
