-- Rule: a month written YYYY-MM or as its first day YYYY-MM-DD, typed as that first day.
-- Grain: one value in, one date or NULL out. Parameters: none.
create or replace macro typed_month(raw) as
    try_cast(case when length(raw) = 7 then raw || '-01' else raw end as date)
