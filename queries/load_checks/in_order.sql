-- Rule: a value is not before (or not after) the limit column's value in its row; a missing side breaks no rule.
-- Grain: two typed values of one row in, one boolean out. Parameters: not_before (boolean, from the contract).
create or replace macro in_order(value, limit_value, not_before) as
    not coalesce(case when not_before then value < limit_value else value > limit_value end, false)
