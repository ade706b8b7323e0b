"""Stage 5: facts to RDF in the govkg ontology, byte-stable serialisation and SHACL validation."""
