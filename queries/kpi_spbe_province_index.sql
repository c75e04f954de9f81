-- One row per year with an official published SPBE index for the province ($province_code): the index, dated 31 December,
-- and the decree that published it.
-- Parameters: $province_code (the province served; smartisland.db binds it when the caller does not).
-- Grain: period_end
with published as (
    select year, index_value, source
    from spbe_published
    where entity_code = $province_code and certainty = 'official'
),

final as (
    select
        make_date(year, 12, 31) as period_end,
        index_value as value,
        source
    from published
    order by year
)

select * from final
