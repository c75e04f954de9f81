-- One row per public Wi-Fi point in the region, decommissioned ones included: its site, place (village,
-- district, regency names), category, status, bandwidth, funding and position, for the map and its table.
-- Parameters: $region_code (province, regency or district code).
with points as (
    select *
    from wifi_points
    where starts_with(village_code, $region_code)
),

final as (
    select
        points.point_id,
        points.site_name,
        points.category,
        points.status,
        points.bandwidth_mbps,
        points.installed_on,
        points.decommissioned_on,
        points.funding_source,
        points.funded_until,
        points.village_code,
        villages.name as village_name,
        districts.name as district_name,
        regencies.name as regency_name,
        points.lat,
        points.lon
    from points
    left join regions as villages on villages.region_code = points.village_code
    left join regions as districts on districts.region_code = left(points.village_code, 8)
    left join regions as regencies on regencies.region_code = left(points.village_code, 5)
    order by points.point_id
)

select * from final
