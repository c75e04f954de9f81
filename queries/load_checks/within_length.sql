-- Rule: a text no longer than the column's maximum length (a NULL maximum is no limit).
-- Grain: one value in, one boolean out. Parameters: max_length (an integer or NULL, from the contract).
create or replace macro within_length(raw, max_length) as max_length is null or length(raw) <= max_length
