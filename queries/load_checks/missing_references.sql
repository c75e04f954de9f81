-- Rule: a reference must name a row that exists in the dataset it points at.
-- Grain: one row per row naming an unknown key (file_row, key_parts). Parameters: keyed (references of the file:
-- file_row, key, key_parts), known (the referenced keys: key).
create or replace macro missing_references(keyed, known) as table
    select k.file_row, k.key_parts
    from query_table(keyed) as k
    anti join query_table(known) as r on r.key = k.key
