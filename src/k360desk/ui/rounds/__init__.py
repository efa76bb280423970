"""The funding-round workflow pages (Förderrunden): setup, criteria, applications, scoring,
ranking and allocation, decision, aftercare and money flows."""
