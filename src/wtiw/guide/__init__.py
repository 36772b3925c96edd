"""The "What should I try next?" guide: load, check, model, render, diagram, lint."""
