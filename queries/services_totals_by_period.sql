-- One row per period (a month, quarter or year by $period_unit) that holds any figure for the area
-- $regency_code (the province's code for all of it, or a regency code): the figures of all services together, each with
-- how many services report it. service_count is the number of services launched by the end of the period
-- (or with no launch date); last_month is the latest month of the period that holds a row. Requests add up;
-- digital take-up and completion rate are sums of online or completed requests over the requests of the
-- months that report both; median days, satisfaction (IKM) and cost per transaction are means weighted by
-- requests over the months that report the figure and requests. A service that does not report a figure
-- neither counts as reporting it nor weighs on its total; a figure reported without requests_total cannot be
-- weighted and is left out the same way (queries/views/service_measures.sql).
-- Parameters: $regency_code, $period_unit ('month', 'quarter' or 'year').
-- Grain: period_start
with catalog as (
    select * from services
),

period_figures as (
    select *
    from service_measures_by_period
    where period_unit = $period_unit
        and regency_code = $regency_code and service_id is null
),

services_live as (
    select
        period_figures.period_start,
        count(catalog.service_id) as service_count
    from period_figures
    left join catalog
        on catalog.launched_on is null
        or date_trunc($period_unit, catalog.launched_on) <= period_figures.period_start
    group by period_figures.period_start
),

final as (
    select
        period_figures.period_start,
        services_live.service_count,
        period_figures.last_month,
        period_figures.requests_total,
        period_figures.services_reporting_requests,
        period_figures.digital_take_up,
        period_figures.services_reporting_take_up,
        period_figures.completion_rate,
        period_figures.services_reporting_completion,
        period_figures.median_days,
        period_figures.services_reporting_median_days,
        period_figures.satisfaction_ikm,
        period_figures.services_reporting_satisfaction,
        period_figures.cost_per_transaction_idr,
        period_figures.services_reporting_cost
    from period_figures
    inner join services_live using (period_start)
    order by period_figures.period_start
)

select * from final
