-- A summary table, refreshed in the same transaction as every change of the warehouse
-- (smartisland/warehouse.py: refresh_summaries), so that the service KPIs read the few rows of all services
-- together instead of filtering them out of every service's rows of service_measures_by_period.
-- One row per period unit (month, quarter or year), area and period: the rows of all services together of
-- service_measures_by_period (service_id null there), as they are. It reads that summary, which is refreshed
-- before it (summaries are refreshed in the order of their names, whole or incrementally).
-- Period: period_start
-- Grain: period_unit, regency_code, period_start
with measures as (
    select * exclude (service_id)
    from service_measures_by_period
    where service_id is null
),

final as (
    select *
    from measures
    order by period_unit, regency_code, period_start
)

select * from final
