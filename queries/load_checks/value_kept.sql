-- Rule: an empty cell is kept where its column is optional and refused where it is required; any other cell is
-- kept exactly when its column's rules (`plain`, a boolean over the cell) pass it. Never NULL.
-- Grain: one value in, one boolean out. Parameters: required (boolean, from the contract), plain (an expression).
create or replace macro value_kept(raw, required, plain) as
    coalesce(case when raw = '' then not required else plain end, false)
