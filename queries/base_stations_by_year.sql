-- One row per year: the base stations (BTS) counted in the region that year, and the figure's source as the
-- data gives it (the province's yearly counts when a regency has none of its own).
-- Parameters: $region_code (a regency, or the province's code).
-- Grain: year
with counts as (
    select year, region_code, base_stations, source
    from base_stations_yearly
    where region_code = $region_code
),

final as (
    select year, base_stations, source from counts
    order by year
)

select * from final
