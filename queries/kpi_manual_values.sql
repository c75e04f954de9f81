-- One row per value the team entered for a KPI (kpi_values): period_end, value and its source.
-- Parameters: $kpi_id.
-- Grain: period_end
with entered as (
    select kpi_id, period_end, value, source
    from kpi_values
),

final as (
    select period_end, value, source
    from entered
    where kpi_id = $kpi_id
    order by period_end
)

select * from final
