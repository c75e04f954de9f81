-- Rule: a staged cell as the checks read it; a cell the reader left NULL (a short row, an empty field) is ''.
-- Grain: one value in, one text out. Parameters: none (called with a staging column).
create or replace macro cell(value) as coalesce(value, '')
