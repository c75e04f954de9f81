-- The official boundary of each regency and district of a region that the user loaded, with its level and source.
-- Parameters: region_code (the province for all of them; a regency for its own and its districts').
-- Grain: region_code
with loaded as (
    select boundaries.region_code, regions.level, boundaries.geometry, boundaries.source
    from boundaries
    join regions using (region_code)
    where starts_with(boundaries.region_code, $region_code)
),

final as (
    select * from loaded
    order by region_code
)

select * from final
