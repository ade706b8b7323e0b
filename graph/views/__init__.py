"""What users look at: tables, the planner data, the network view and the HTML page."""
