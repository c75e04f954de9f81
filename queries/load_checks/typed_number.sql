-- Rule: a decimal as a number, its decimal mark a comma in files written with semicolons (Indonesian exports).
-- Grain: one value in, one double or NULL out. Parameters: decimal_comma (boolean, from the file's separator).
create or replace macro typed_number(raw, decimal_comma) as
    try_cast(case when decimal_comma then replace(raw, ',', '.') else raw end as double)
