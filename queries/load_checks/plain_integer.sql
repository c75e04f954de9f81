-- Rule: a plain integer is one DuckDB's cast writes back exactly as written (no sign, zeros or spaces it would
-- drop: Python's int() reads the same value), within the column's range (a NULL bound is no bound).
-- Grain: one value in, one boolean out. Parameters: minimum, maximum (numbers or NULL, from the contract).
create or replace macro plain_integer(raw, minimum, maximum) as
    cast(try_cast(raw as bigint) as varchar) = raw
    and (minimum is null or try_cast(raw as bigint) >= minimum)
    and (maximum is null or try_cast(raw as bigint) <= maximum)
