-- The team closes a report: nothing more to do (an answer given stays published).
-- Parameters: report_id, closed_by, closed_at.
update citizen_reports
set
    closed_by = $closed_by,
    closed_at = $closed_at
where report_id = $report_id
