-- One row per regency and per district: its code, name, level and parent, for the region filters.
-- Parameters: none.
-- Grain: region_code
with areas as (
    select region_code, name, level, parent_code
    from regions
    where level in ('regency', 'district')
),

final as (
    select * from areas
    order by region_code
)

select * from final
