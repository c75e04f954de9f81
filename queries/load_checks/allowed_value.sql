-- Rule: a value one of the column's allowed values, written exactly so (a NULL list allows any value).
-- Grain: one value in, one boolean out. Parameters: allowed (a list of texts or NULL, from the contract or the
-- known query names).
create or replace macro allowed_value(raw, allowed) as allowed is null or list_contains(allowed, raw)
