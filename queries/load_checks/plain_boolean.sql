-- Rule: a plain boolean is one of the words the contract reads as true or false, in any letter case.
-- Grain: one value in, one boolean out. Parameters: words (a list of lower-case words, from validate.py).
create or replace macro plain_boolean(raw, words) as list_contains(words, lower(raw))
