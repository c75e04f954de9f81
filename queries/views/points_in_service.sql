-- A table macro, created in the warehouse with its tables: points_in_service(day).
-- One row per public Wi-Fi point in service on day: installed on or before it and not decommissioned by it,
-- with every column of wifi_points. The one place that says when a point is in service.
-- Arguments: day
-- Grain: point_id
with points as (
    select * from wifi_points
),

final as (
    select *
    from points
    where installed_on <= day
        and (decommissioned_on is null or decommissioned_on > day)
)

select * from final
