-- How many Wi-Fi points in service on $as_of have their funding ended (funded_until before $as_of) and how many
-- more have it end within $months months after $as_of (on or before that day): the counts of the list
-- wifi_points_funding_ending.sql pages through, without listing it. Points without an end date are not counted.
-- Parameters: $region_code (province, regency or district code), $as_of (a date), $months (an integer).
-- Grain: one row
with points as (
    select funded_until
    from points_in_service($as_of)
    where starts_with(village_code, $region_code)
        and funded_until is not null
        and funded_until <= ($as_of::date + to_months($months::integer))::date
),

final as (
    select
        count(*) filter (where funded_until < $as_of::date) as funding_ended,
        count(*) filter (where funded_until >= $as_of::date) as funding_ending
    from points
)

select * from final
