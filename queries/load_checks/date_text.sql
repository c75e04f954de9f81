-- Rule: a date (or a month's first day) as the text the checks show it in: YYYY-MM-DD.
-- Grain: one value in, one text out. Parameters: none.
create or replace macro date_text(value) as strftime(value, '%Y-%m-%d')
