-- Rule: a cell holding nothing but spaces (or nothing): a row of such cells is a blank line, not a record.
-- Grain: one value in, one boolean out. Parameters: none.
create or replace macro is_blank(value) as trim(coalesce(value, '')) = ''
