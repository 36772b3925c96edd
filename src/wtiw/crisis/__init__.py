"""Crisis and support numbers: one data file, read and checked once, shown everywhere."""
