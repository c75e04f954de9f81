-- Rule: a plain text holds no control character and no space at its edges (what str.strip() would remove:
-- ASCII whitespace, separators, \x1c-\x1f, \x85), so the checks would keep it exactly as written.
-- Grain: one value in, one boolean out. Parameters: none.
create or replace macro plain_text(raw) as
    not regexp_matches(raw, '[\x00-\x08\x0a-\x1f\x7f]|^[\s\x0b\x1c-\x1f\x85\p{Z}]|[\s\x0b\x1c-\x1f\x85\p{Z}]$')
