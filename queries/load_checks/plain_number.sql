-- Rule: a plain decimal is digits with at most one decimal mark (a comma in semicolon files) and a sign, at most
-- 15 digits on each side (so a double holds it as Python's float() reads it), within the column's range.
-- Grain: one value in, one boolean out. Parameters: decimal_comma (boolean), minimum, maximum (numbers or NULL).
create or replace macro plain_number(raw, decimal_comma, minimum, maximum) as
    case when decimal_comma then regexp_full_match(raw, '[+-]?[0-9]{1,15}(,[0-9]{1,15})?')
         else regexp_full_match(raw, '[+-]?[0-9]{1,15}(\.[0-9]{1,15})?') end
    and (minimum is null or typed_number(raw, decimal_comma) >= minimum)
    and (maximum is null or typed_number(raw, decimal_comma) <= maximum)
