-- Rule: a Parquet double as validate.py's cell_text writes it: a whole number without its ".0" (below 1e15),
-- anything else as DuckDB writes a double.
-- Grain: one value in, one text out. Parameters: none.
create or replace macro number_text(value) as
    case when isfinite(value) and value = trunc(value) and abs(value) < 1e15
         then cast(cast(value as bigint) as varchar) else cast(value as varchar) end
