"""Thin click commands over plain functions; one module per verb family."""
