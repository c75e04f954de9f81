"""What the dashboard sends out, for people who do not open it: the Governor's one-page brief (brief.py, rendered
by pdf.py) and the team's e-mail digest (digest.py)."""
