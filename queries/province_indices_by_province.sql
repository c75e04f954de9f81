-- One row per province (or the national average) and year with a value of the measure: the value, its source
-- and whether it is unsure, the national average marked, for a chart of every province loaded.
-- Parameters: $measure (spbe_index or imdi).
-- Grain: year, province_code
with indices as (
    select * from province_indices
    where measure = $measure
),

final as (
    select
        year,
        province_code,
        province_code = 'national' as is_national,
        value,
        source,
        is_unsure
    from indices
    order by year, province_code
)

select * from final
