-- One row per area of the region holding Wi-Fi points not decommissioned (the area: the first $code_length
-- characters of a village's code, 8 its district, 5 its regency): how many points and how many of them are down
-- now. The map's counts where a dot per point would be too many to see, or to send.
-- Parameters: $region_code (province, regency or district code), $code_length (5 or 8).
-- Grain: area_code
with points as (
    select village_code, status
    from wifi_points
    where starts_with(village_code, $region_code)
        and status <> 'decommissioned'
),

final as (
    select
        left(village_code, $code_length::integer) as area_code,
        count(*) as points,
        count(*) filter (where status = 'down') as points_down
    from points
    group by area_code
    order by area_code
)

select * from final
