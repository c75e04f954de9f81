-- One Wi-Fi point, decommissioned or not, as wifi_points_list.sql describes each: its site, place (village,
-- district, regency names), category, status, bandwidth, funding and position; no row for an unknown id. The
-- details of a point picked on the map or from its list, without listing every point.
-- Parameters: $point_id.
-- Grain: point_id
with points as (
    select *
    from wifi_points
    where point_id = $point_id
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
)

select * from final
