-- One row per regency of the province (every regency, in code order) for the period that starts on $period_start
-- (a month, quarter or year by $period_unit): the figures of the service $service_id in that regency, or of
-- all services together when $service_id is '' (empty), each with how many services report it there.
-- Requests add up; take-up and completion are fractions; median days, satisfaction (IKM) and cost per
-- transaction are means weighted by requests over the months that report the figure and requests
-- (queries/views/service_measures.sql). A regency with no figures keeps its row, its figures null (not 0) and its
-- counts of reporting services 0.
-- Parameters: $period_unit ('month', 'quarter' or 'year'), $period_start (a date), $service_id, $province_code
-- (the province served; smartisland.db binds it when the caller does not).
-- Grain: regency_code
with regencies as (
    select * from regions
    where level = 'regency'
),

regency_figures as (
    select *
    from service_measures_by_period
    where period_unit = $period_unit
        and regency_code <> $province_code
        and period_start = $period_start::date
        and service_id is not distinct from nullif($service_id, '')
),

final as (
    select
        regencies.region_code as regency_code,
        regencies.name as regency_name,
        regency_figures.requests_total,
        coalesce(regency_figures.services_reporting_requests, 0) as services_reporting_requests,
        regency_figures.digital_take_up,
        coalesce(regency_figures.services_reporting_take_up, 0) as services_reporting_take_up,
        regency_figures.completion_rate,
        coalesce(regency_figures.services_reporting_completion, 0) as services_reporting_completion,
        regency_figures.median_days,
        coalesce(regency_figures.services_reporting_median_days, 0) as services_reporting_median_days,
        regency_figures.satisfaction_ikm,
        coalesce(regency_figures.services_reporting_satisfaction, 0) as services_reporting_satisfaction,
        regency_figures.cost_per_transaction_idr,
        coalesce(regency_figures.services_reporting_cost, 0) as services_reporting_cost
    from regencies
    left join regency_figures
        on regency_figures.regency_code = regencies.region_code
    order by regencies.region_code
)

select * from final
