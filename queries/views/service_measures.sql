-- A table macro, created in the warehouse with its tables: service_measures(period_unit).
-- One row per area (regency_code: the province's code for all of it, or a regency), period (period_start, a month, quarter
-- or year by period_unit) and service (service_id; null for all services together) with any monthly figure:
-- the six service measures, each with how many services report it. The one place they are defined:
-- requests add up; digital take-up (online / all requests) and completion rate (completed / all requests)
-- are fractions; median days, satisfaction (IKM, 25-100) and cost per transaction are means weighted by
-- requests. Each ratio or mean uses only the months that report both the figure and requests_total, so a
-- service that does not report a figure neither counts as reporting it nor weighs on it, and a figure no
-- month reports stays null, never 0. The *_unweighted columns are the plain means of the months that report
-- the figure, for a single service whose months report no requests.
-- last_month is the latest month of the period with a row; months_with_rows counts them.
-- Arguments: period_unit
-- Grain: regency_code, period_start, service_id (null: all services)
with monthly_figures as (
    select
        *,
        date_trunc(period_unit, month)::date as period_start
    from service_monthly
),

measures as (
    select
        regency_code,
        period_start,
        service_id,
        max(month) as last_month,
        count(*) as months_with_rows,
        sum(requests_total) as requests_total,
        count(distinct service_id) filter (where requests_total is not null) as services_reporting_requests,
        sum(requests_online) filter (where requests_total is not null) as requests_online,
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
        avg(median_days) as median_days_unweighted,
        count(distinct service_id) filter (where median_days is not null and requests_total is not null)
            as services_reporting_median_days,
        sum(satisfaction_ikm * requests_total)
            / nullif(sum(requests_total) filter (where satisfaction_ikm is not null), 0) as satisfaction_ikm,
        avg(satisfaction_ikm) as satisfaction_ikm_unweighted,
        count(distinct service_id) filter (where satisfaction_ikm is not null and requests_total is not null)
            as services_reporting_satisfaction,
        sum(cost_per_transaction_idr * requests_total)
            / nullif(sum(requests_total) filter (where cost_per_transaction_idr is not null), 0)
            as cost_per_transaction_idr,
        avg(cost_per_transaction_idr) as cost_per_transaction_idr_unweighted,
        count(distinct service_id) filter (where cost_per_transaction_idr is not null and requests_total is not null)
            as services_reporting_cost
    from monthly_figures
    group by grouping sets ((regency_code, period_start, service_id), (regency_code, period_start))
),

final as (
    select * from measures
)

select * from final
