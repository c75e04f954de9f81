-- Rule: a timestamp as Python's isoformat(sep=" ") writes it, a midnight as the date alone (as pandas shows it).
-- Grain: one value in, one text out. Parameters: none.
create or replace macro timestamp_text(value) as
    case when value = date_trunc('day', value) then strftime(value, '%Y-%m-%d')
         when microsecond(value) % 1000000 = 0 then strftime(value, '%Y-%m-%d %H:%M:%S')
         else strftime(value, '%Y-%m-%d %H:%M:%S.%f') end
