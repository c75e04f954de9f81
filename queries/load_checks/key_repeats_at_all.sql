-- Rule: whether any key repeats in a file: an aggregate, far cheaper than the window that names the repeats, and
-- most files repeat no key at all.
-- Grain: one row (repeats: boolean). Parameters: keyed (the name of a table or view of file_row, key, key_parts).
create or replace macro key_repeats_at_all(keyed) as table
    select exists (select 1 from query_table(keyed) group by key having count(*) > 1) as repeats
