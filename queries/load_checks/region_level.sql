-- Rule: a region code names a region of one of the levels the column allows (its level from the regions table
-- joined on the code; no region, no level, not passed).
-- Grain: one value in, one boolean out. Parameters: levels (a list of level names, from the contract).
create or replace macro region_level(level, levels) as coalesce(list_contains(levels, level), false)
