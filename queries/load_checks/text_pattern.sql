-- Rule: a code matching the column's pattern as a whole, or one of the dataset's extra entity codes.
-- Grain: one value in, one boolean out. Parameters: pattern (a regular expression), extra_codes (a list of texts),
-- both from the contract.
create or replace macro text_pattern(raw, pattern, extra_codes) as
    list_contains(extra_codes, raw) or regexp_full_match(raw, pattern)
