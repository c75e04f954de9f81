-- One row per period (a month, quarter or year by $period_unit) that holds any figure for the area
-- $regency_code ('51' for all of Bali, or a regency code): the figures of all services together, each with
-- how many services report it. service_count is the number of services launched by the end of the period
-- (or with no launch date); last_month is the latest month of the period that holds a row. Requests add up;
-- digital take-up and completion rate are sums of online or completed requests over the requests of the
-- months that report both; median days, satisfaction (IKM) and cost per transaction are means weighted by
-- requests over the months that report the figure and requests. A service that does not report a figure
-- neither counts as reporting it nor weighs on its total; a figure reported without requests_total cannot be
-- weighted and is left out the same way.
-- Parameters: $regency_code, $period_unit ('month', 'quarter' or 'year').
with catalog as (
    select * from services
),

monthly_figures as (
    select * from service_monthly
    where regency_code = $regency_code
),

in_periods as (
    select
        *,
        date_trunc($period_unit, month)::date as period_start
    from monthly_figures
),

period_figures as (
    select
        period_start,
        max(month) as last_month,
        sum(requests_total) as requests_total,
        count(distinct service_id) filter (where requests_total is not null) as services_reporting_requests,
        sum(requests_online) filter (where requests_total is not null)
            / nullif(sum(requests_total) filter (where requests_online is not null), 0) as digital_take_up,
        count(distinct service_id) filter (where requests_online is not null and requests_total is not null)
            as services_reporting_take_up,
        sum(completed) filter (where requests_total is not null)
            / nullif(sum(requests_total) filter (where completed is not null), 0) as completion_rate,
        count(distinct service_id) filter (where completed is not null and requests_total is not null)
            as services_reporting_completion,
        sum(median_days * requests_total)
            / nullif(sum(requests_total) filter (where median_days is not null), 0) as median_days,
        count(distinct service_id) filter (where median_days is not null and requests_total is not null)
            as services_reporting_median_days,
        sum(satisfaction_ikm * requests_total)
            / nullif(sum(requests_total) filter (where satisfaction_ikm is not null), 0) as satisfaction_ikm,
        count(distinct service_id) filter (where satisfaction_ikm is not null and requests_total is not null)
            as services_reporting_satisfaction,
        sum(cost_per_transaction_idr * requests_total)
            / nullif(sum(requests_total) filter (where cost_per_transaction_idr is not null), 0)
            as cost_per_transaction_idr,
        count(distinct service_id) filter (where cost_per_transaction_idr is not null and requests_total is not null)
            as services_reporting_cost
    from in_periods
    group by period_start
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
        period_figures.* exclude (period_start)
    from period_figures
    inner join services_live using (period_start)
    order by period_figures.period_start
)

select * from final
