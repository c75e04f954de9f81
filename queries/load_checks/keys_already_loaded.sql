-- Rule: a key may not be loaded again: the rows whose key is already among the loaded ones (those of the
-- warehouse for an appended dataset, of earlier files of the same load, of months a roll-up adds).
-- Grain: one row per such row (file_row, key_parts). Parameters: keyed, loaded (names of tables or views with a
-- column key of the same shape).
create or replace macro keys_already_loaded(keyed, loaded) as table
    select k.file_row, k.key_parts
    from query_table(keyed) as k
    semi join query_table(loaded) as l on l.key = k.key
