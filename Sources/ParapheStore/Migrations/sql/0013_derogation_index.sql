-- The derogation rows alone, with what the dashboard groups them by: its aggregates read the index, never a clause's text
CREATE INDEX contract_clauses_derogations ON contract_clauses (contract_id, clause_key, variant, derogation_category, is_derogation) WHERE is_derogation = 1;

DROP INDEX contract_clauses_derogation;
