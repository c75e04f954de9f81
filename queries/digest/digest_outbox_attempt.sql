-- A try to send a message of the team's digest: sent_at when it went (null when it failed), and why it failed.
-- Parameters: digest_key, recipient, sent_at, last_error.
update digest_outbox
set
    sent_at = $sent_at,
    attempts = attempts + 1,
    last_error = $last_error
where digest_key = $digest_key and recipient = $recipient
