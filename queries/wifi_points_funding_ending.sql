-- One row per Wi-Fi point in service on $as_of whose funding has ended or ends within $months months
-- after $as_of (funded_until on or before that day); points without an end date are not listed.
-- days_left is negative once the funding has ended.
-- Parameters: $region_code (province, regency or district code), $as_of (a date), $months (an integer).
-- Grain: point_id
with points as (
    select *
    from points_in_service($as_of)
    where starts_with(village_code, $region_code)
        and funded_until is not null
),

places as (
    select * from village_places
),

window_end as (
    select ($as_of::date + to_months($months::integer))::date as last_day
),

final as (
    select
        points.point_id,
        points.site_name,
        points.category,
        points.status,
        places.village_name,
        places.district_name,
        places.regency_name,
        points.funding_source,
        points.funded_until,
        points.funded_until - $as_of::date as days_left,
        points.funded_until < $as_of::date as is_funding_ended
    from points
    cross join window_end
    left join places using (village_code)
    where points.funded_until <= window_end.last_day
    order by points.funded_until, points.point_id
)

select * from final
