-- The team's answer to a report, in both languages: published beside the figure from now on.
-- Parameters: report_id, answer_id, answer_en, answered_by, answered_at.
update citizen_reports
set
    answer_id = $answer_id,
    answer_en = $answer_en,
    answered_by = $answered_by,
    answered_at = $answered_at
where report_id = $report_id
