-- Rule: a key may appear once in a file: every later row with the same key, with the first row that has it.
-- Grain: one row per repeating row (file_row, key_parts, first_row). Parameters: keyed (the name of a table or
-- view of file_row, key, key_parts; rows with an incomplete key left out).
create or replace macro repeated_keys(keyed) as table
    select file_row, key_parts, first_row
    from (
        select file_row, key_parts,
               row_number() over (partition by key order by file_row) as position,
               min(file_row) over (partition by key) as first_row
        from query_table(keyed)
    )
    where position > 1
