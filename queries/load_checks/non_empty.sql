-- Rule: an empty cell is a missing value (NULL); any other cell is kept as written, to be typed.
-- Grain: one value in, one text or NULL out. Parameters: none.
create or replace macro non_empty(raw) as nullif(raw, '')
