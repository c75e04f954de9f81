-- One row per area one level below the region (regencies of the province, districts of a regency,
-- villages of a district) and Wi-Fi category: the points in service on $as_of and how many of them are
-- down now. Areas and categories without points are left out.
-- Parameters: $region_code (province, regency or district code), $as_of (a date).
-- Grain: area_code, category
with points as (
    select village_code, category, status
    from points_in_service($as_of)
    where starts_with(village_code, $region_code)
),

in_service as (
    select
        left(village_code, case length($region_code) when 2 then 5 when 5 then 8 else 13 end) as area_code,
        category,
        status
    from points
),

final as (
    select
        in_service.area_code,
        regions.name as area_name,
        in_service.category,
        count(*) as points_in_service,
        count(*) filter (where in_service.status = 'down') as points_down
    from in_service
    left join regions on regions.region_code = in_service.area_code
    group by in_service.area_code, regions.name, in_service.category
    order by in_service.area_code, in_service.category
)

select * from final
