-- One row per public Wi-Fi point in the region, decommissioned ones included: its site, place (village,
-- district, regency names), category, status, bandwidth, funding and position, for the map and its table.
-- Parameters: $region_code (province, regency or district code).
-- Grain: point_id
with points as (
    select *
    from wifi_points
    where starts_with(village_code, $region_code)
),

places as (
    select * from village_places
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
        places.village_name,
        places.district_name,
        places.regency_name,
        points.lat,
        points.lon
    from points
    left join places using (village_code)
    order by points.point_id
)

select * from final
