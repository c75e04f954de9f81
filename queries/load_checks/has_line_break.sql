-- Rule: a value holding a line break (LF or CR) spans lines, so DuckDB's reader numbered its record wrongly.
-- Grain: one value in, one boolean out. Parameters: none.
create or replace macro has_line_break(value) as contains(value, chr(10)) or contains(value, chr(13))
