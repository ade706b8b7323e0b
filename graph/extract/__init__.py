"""Extractors: outline → domain facts (measures, indicators, institutions, mechanisms,
shortcomings, causes, actions, targets, themes).  All cue words come from data/lexicon."""
