-- The reports the team has answered, for the public beside their figure: what was reported and the answer in
-- both languages (never the contact or the client), newest answer first.
-- Parameters: none.
-- Grain: report_id
with answered as (
    select report_id, kpi_id, report_text, created_at, answer_id, answer_en, answered_at
    from citizen_reports
    where answered_at is not null and answer_id is not null and answer_en is not null
),

final as (
    select *
    from answered
    order by answered_at desc, report_id
)

select * from final
