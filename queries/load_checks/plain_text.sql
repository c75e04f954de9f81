-- Rule: a plain text holds no control character (Unicode category Cc: C0, DEL and C1, tab and line breaks
-- included), no bidirectional control (U+202A-U+202E, U+2066-U+2069; the same set as validate.CONTROL_PATTERN)
-- and no space at its edges (what str.strip() would remove: ASCII whitespace, separators, \x1c-\x1f, \x85), so
-- the checks would keep it exactly as written.
-- Grain: one value in, one boolean out. Parameters: none.
create or replace macro plain_text(raw) as
    not regexp_matches(raw, '[\x00-\x1f\x7f-\x9f\x{202a}-\x{202e}\x{2066}-\x{2069}]|^[\s\x0b\x1c-\x1f\x85\p{Z}]|[\s\x0b\x1c-\x1f\x85\p{Z}]$')
