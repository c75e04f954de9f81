-- Rule: a boolean as the text the checks show it in: true or false (NULL stays NULL).
-- Grain: one value in, one text out. Parameters: none.
create or replace macro boolean_text(value) as case when value then 'true' when not value then 'false' end
