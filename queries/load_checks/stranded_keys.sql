-- Rule: replacing a dataset must not strand rows of another dataset that point at it: the keys used there that
-- the replacement no longer has.
-- Grain: one row per stranded key (key_parts). Parameters: used (the other dataset's references: key,
-- key_parts), replacement (the new rows' keys: key).
create or replace macro stranded_keys(used, replacement) as table
    select distinct u.key_parts
    from query_table(used) as u
    anti join query_table(replacement) as r on r.key = u.key
