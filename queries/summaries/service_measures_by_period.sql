-- A summary table, refreshed in the same transaction as every change of the warehouse
-- (smartisland/warehouse.py: refresh_summaries), so that pages read the service measures of a period instead of
-- aggregating every service month on every page run.
-- One row per period unit (period_unit: month, quarter or year), area, period and service (null for all
-- services together): the service measures of that period (queries/views/service_measures.sql), as they are.
-- Period: period_start
-- Grain: period_unit, regency_code, period_start, service_id (null: all services)
with period_units as (
    select unnest(['month', 'quarter', 'year']) as period_unit
),

final as (
    select
        period_units.period_unit,
        measures.*
    from period_units
    inner join service_measures(period_units.period_unit) as measures on true
    order by period_units.period_unit, measures.regency_code, measures.period_start, measures.service_id
)

select * from final
